using Credentials.Model;
using Credentials.Trust;
using Credentials.WireFormat;

namespace Credentials.Verification;

/// <summary>
/// Verifies an ePRC QR code in the eight steps of EC ePRC spec §5, reporting every step and stopping at the
/// first NOT PASSED. Thread-safe: one instance serves a whole application.
/// </summary>
public sealed class PrcVerifier
{
    private readonly ITrustRegistry registry;
    private readonly TimeProvider time;
    private readonly IRevocationChecker revocation;
    private readonly VerifierOptions options;

    public PrcVerifier(ITrustRegistry registry, TimeProvider time, IRevocationChecker? revocation = null, VerifierOptions? options = null)
    {
        this.registry = registry ?? throw new ArgumentNullException(nameof(registry));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.revocation = revocation ?? NoRevocationSource.Instance;
        this.options = options ?? new VerifierOptions();
    }

    /// <summary>Verifies QR text for a treatment date, by default today in the verifier's time zone.</summary>
    public VerificationReport Verify(string qrText, DateOnly? treatmentDate = null)
    {
        ArgumentNullException.ThrowIfNull(qrText);
        var run = new Run(qrText, time.GetUtcNow(), options.VerifierName, registry.AsOf);

        // Step 1 (spec §5): the treatment date lies in [1900-01-01, today].
        var today = Today();
        var date = treatmentDate ?? today;
        if (!run.Record(CheckTreatmentDate(date, today, treatmentDate is null)))
        {
            return run.Finish();
        }

        run.TreatmentDate = date;

        // Step 2: QR text → Base45 → inflate → split the JWS, and header and payload are JSON objects. The readers
        // check the JSON in the same single pass that reads it (so it is scanned once), and a header or payload
        // that is not JSON fails here, at decoding, as it would with JwsCompact.Parse.
        JwsCompact jws;
        (JwsHeader? Header, IReadOnlyList<Finding> Findings) headerRead;
        PayloadReadResult payloadRead;
        try
        {
            run.TokenAscii = QrTextCodec.DecodeToAscii(qrText);
            jws = JwsCompact.Decode(run.TokenAscii);
            headerRead = JwsHeader.Read(jws.HeaderBytes);
            payloadRead = PrcPayloadReader.Read(jws.PayloadBytes, PayloadReadMode.Token, defaultIssueDate: null);
            if (payloadRead.Findings is [{ Code: FindingCode.PayloadNotJson } notJson])
            {
                throw new WireFormatException(notJson.Code, notJson.Message);
            }
        }
        catch (WireFormatException e)
        {
            run.Record(StepOutcome.NotPassed(VerificationStep.Decode, e.ToFinding()));
            return run.Finish();
        }

        using (jws)
        {
            run.Record(StepOutcome.Passed(VerificationStep.Decode, "the QR text decodes to a JWS in compact serialization."));
            return VerifyToken(run, jws, headerRead, payloadRead, date);
        }
    }

    private VerificationReport VerifyToken(Run run, JwsCompact jws, (JwsHeader? Header, IReadOnlyList<Finding> Findings) headerRead, PayloadReadResult payloadRead, DateOnly treatmentDate)
    {
        // Step 3: the schema named by sid, the kid pattern, the alg allow-list.
        var header = headerRead.Header;
        IReadOnlyList<Finding> validation = headerRead.Findings.Count == 0 ? payloadRead.Findings : [.. headerRead.Findings, .. payloadRead.Findings];
        if (!run.Record(StepOutcome.FromFindings(VerificationStep.Validate, validation, $"the payload follows schema {payloadRead.Payload?.SchemaId}; alg and kid are allowed.")))
        {
            return run.Finish();
        }

        var payload = payloadRead.Payload!;
        run.Header = header;
        run.Payload = payload;
        run.PayloadUtf8 = jws.PayloadBytes;
        var prc = payload.Prc;

        // Step 4: the key the registry links to the authentic source, and the signature. Trust data past the
        // hard age limit resolves nothing: N/A, and never an approval (spec §5, "Offline").
        if (TrustDataAge() is { } age && age > options.MaxTrustDataAge)
        {
            var reason = $"the trust data is {Describe(age)} old, more than the {Describe(options.MaxTrustDataAge)} allowed: update the registry, then verify again.";
            run.Record(new StepOutcome(VerificationStep.ResolveKey, StepResult.NotApplicable, reason, [Finding.Error(FindingCode.TrustDataTooOld, reason)]));
            return run.Finish();
        }

        var (keyOutcome, resolution) = ResolveAndCheckSignature(jws, header!, prc.Institution);
        if (!run.Record(keyOutcome))
        {
            return run.Finish();
        }

        run.Issuer = new IssuerSummary(prc.Institution.Country.Code, prc.Institution.LocalId, resolution!.Issuer!.Name, header!.KeyId.ToString());

        // Step 5: certificate and accreditation on di, the date rules.
        if (!run.Record(CheckBusinessRules(prc, resolution.Issuer, resolution.Certificate!)))
        {
            return run.Finish();
        }

        // Step 6: revocation.
        if (!run.Record(CheckRevocation(payload)))
        {
            return run.Finish();
        }

        // Step 7: the treatment date lies in [sd, ed] (xd is not used here).
        run.Record(CheckTreatmentPeriod(prc, treatmentDate));
        return run.Finish();
    }

    private static StepOutcome CheckTreatmentDate(DateOnly date, DateOnly today, bool defaulted)
    {
        if (date < VerifierOptions.EarliestTreatmentDate)
        {
            return StepOutcome.NotPassed(VerificationStep.TreatmentDate, Finding.Error(FindingCode.TreatmentDateBefore1900, $"the treatment date {date:O} is before 1900-01-01."));
        }

        if (date > today)
        {
            return StepOutcome.NotPassed(VerificationStep.TreatmentDate, Finding.Error(FindingCode.TreatmentDateInFuture, $"the treatment date {date:O} is after today ({today:O})."));
        }

        return StepOutcome.Passed(VerificationStep.TreatmentDate, defaulted ? $"treatment date {date:O} (today, by default)." : $"treatment date {date:O}.");
    }

    private (StepOutcome Outcome, KeyResolution? Resolution) ResolveAndCheckSignature(JwsCompact jws, JwsHeader header, InstitutionId source)
    {
        const VerificationStep Step = VerificationStep.ResolveKey;
        var resolution = registry.Resolve(header.KeyId, source);
        switch (resolution.Outcome)
        {
            case KeyResolutionOutcome.KeyUnknown:
                return (StepOutcome.NotPassed(Step, Finding.Error(FindingCode.KeyNotResolved, $"public key not resolved: the trust registry has no certificate {header.KeyId.Thumbprint}.")), null);
            case KeyResolutionOutcome.NotLinkedToAuthenticSource:
                return (StepOutcome.NotPassed(Step, Finding.Error(FindingCode.KeyNotLinkedToAuthenticSource, $"the key is not linked to the authentic source {source}: the registry links certificate {header.KeyId.Thumbprint} only to {string.Join(", ", resolution.LinkedInstitutions!)}.")), null);
            case KeyResolutionOutcome.Ambiguous:
                return (StepOutcome.NotPassed(Step, Finding.Error(FindingCode.KeyAmbiguous, $"the trust registry lists {source} with certificate {header.KeyId.Thumbprint} more than once; exactly one issuer and one certificate are required.")), null);
        }

        var key = resolution.Certificate!.GetVerificationKey(out var keyProblem);
        if (key is null)
        {
            return (StepOutcome.NotPassed(Step, Finding.Error(FindingCode.AlgorithmKeyMismatch, $"the certificate's key cannot be used: {keyProblem}")), null);
        }

        if (!key.Fits(header.Algorithm, out var mismatch))
        {
            return (StepOutcome.NotPassed(Step, Finding.Error(FindingCode.AlgorithmKeyMismatch, mismatch)), null);
        }

        if (!key.Verify(jws, header.Algorithm))
        {
            return (StepOutcome.NotPassed(Step, Finding.Error(FindingCode.SignatureInvalid, $"the {header.Algorithm.Name()} signature does not verify with the certificate the registry gives for {source}.")), null);
        }

        var passed = $"signed with {header.Algorithm.Name()} by a certificate the registry links to {source} ({resolution.Issuer!.Name}).";
        if (TrustDataAge() is { } age && age > VerifierOptions.TrustDataCacheLimit)
        {
            var warning = Finding.Warning(FindingCode.TrustDataStale, $"the trust data is {Describe(age)} old, more than the 24 hours the EC specification allows a cache.");
            return (new StepOutcome(Step, StepResult.Warning, passed + " " + warning.Message, [warning]), resolution);
        }

        return (StepOutcome.Passed(Step, passed), resolution);
    }

    private TimeSpan? TrustDataAge() => registry.AsOf is { } asOf ? time.GetUtcNow() - asOf : null;

    private static string Describe(TimeSpan age) => age.TotalHours < 48 ? $"{Math.Floor(age.TotalHours):0} hours" : $"{Math.Floor(age.TotalDays):0} days";

    private static StepOutcome CheckBusinessRules(ProvisionalReplacementCertificate prc, RegistryIssuer issuer, TrustedCertificate certificate)
    {
        var findings = new List<Finding>();
        var issued = prc.IssuedOn;
        if (!certificate.IsValidOn(issued))
        {
            findings.Add(Finding.Error(FindingCode.CertificateNotValidOnIssueDate, $"the signing certificate (valid {certificate.ValidityText}) was not valid on the date of issuance {issued:O}.", "/prc/di"));
        }

        var accreditedOnIssue = false;
        var coversEntitlement = false;
        foreach (var period in issuer.PeriodsFor(AccreditationPeriod.Ehic))
        {
            accreditedOnIssue |= period.Contains(issued);
            coversEntitlement |= period.Contains(prc.EntitlementStart) && period.Contains(prc.EntitlementEnd);
        }

        if (!accreditedOnIssue)
        {
            var periods = issuer.PeriodsFor(AccreditationPeriod.Ehic).ToList();
            var known = periods.Count == 0 ? "it has no EHIC accreditation" : $"its EHIC accreditation: {string.Join(", ", periods)}";
            findings.Add(Finding.Error(FindingCode.NotAccreditedOnIssueDate, $"the issuer {issuer.Id} was not accredited for EHIC on the date of issuance {issued:O} ({known}).", "/prc/di"));
        }
        else if (!coversEntitlement)
        {
            findings.Add(Finding.Error(FindingCode.EntitlementOutsideAccreditation, $"the entitlement {prc.EntitlementStart:O}..{prc.EntitlementEnd:O} does not lie inside one EHIC accreditation period of {issuer.Id}.", "/prc/sd"));
        }

        findings.AddRange(PrcBusinessRules.Evaluate(prc));
        return StepOutcome.FromFindings(VerificationStep.BusinessChecks, findings, $"the certificate was valid and {issuer.Id} accredited on {issued:O}; the date rules hold.");
    }

    private StepOutcome CheckRevocation(PrcPayload payload)
    {
        const VerificationStep Step = VerificationStep.Revocation;
        if (payload.TokenId is null || payload.RevocationListUri is null)
        {
            var missing = (payload.TokenId, payload.RevocationListUri) switch
            {
                (null, null) => "jti and rid are absent",
                (null, _) => "jti is absent",
                _ => "rid is absent",
            };
            return new StepOutcome(Step, StepResult.Warning, $"revocation not checked: {missing}.", [Finding.Warning(FindingCode.RevocationReferenceMissing, $"revocation not checked: {missing}.")]);
        }

        var check = revocation.Check(payload.TokenId, payload.RevocationListUri, payload.Prc.Institution);
        return check.Status switch
        {
            RevocationStatus.NotRevoked => StepOutcome.Passed(Step, check.Reason),
            RevocationStatus.Revoked => StepOutcome.NotPassed(Step, Finding.Error(FindingCode.Revoked, check.Reason)),
            _ => new StepOutcome(Step, StepResult.NotApplicable, check.Reason, [Finding.Warning(FindingCode.RevocationListUnavailable, check.Reason)]),
        };
    }

    private static StepOutcome CheckTreatmentPeriod(ProvisionalReplacementCertificate prc, DateOnly date)
    {
        const VerificationStep Step = VerificationStep.TreatmentPeriod;
        if (date < prc.EntitlementStart)
        {
            return StepOutcome.NotPassed(Step, Finding.Error(FindingCode.TreatmentBeforeEntitlement, $"the treatment date {date:O} is before the start of the entitlement (sd {prc.EntitlementStart:O})."));
        }

        if (date > prc.EntitlementEnd)
        {
            return StepOutcome.NotPassed(Step, Finding.Error(FindingCode.TreatmentAfterEntitlement, $"the treatment date {date:O} is after the end of the entitlement (ed {prc.EntitlementEnd:O})."));
        }

        return StepOutcome.Passed(Step, $"the treatment date lies in the entitlement {prc.EntitlementStart:O}..{prc.EntitlementEnd:O}.");
    }

    private DateOnly Today()
    {
        var now = time.GetUtcNow();
        var zone = options.TimeZone ?? time.LocalTimeZone;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
    }

    /// <summary>The state of one verification while it runs.</summary>
    private sealed class Run(string qrText, DateTimeOffset verifiedAt, string? verifierName, DateTimeOffset? trustDataAsOf)
    {
        private readonly List<StepOutcome> steps = new(8);

        public DateOnly? TreatmentDate { get; set; }

        public byte[]? TokenAscii { get; set; }

        public JwsHeader? Header { get; set; }

        public PrcPayload? Payload { get; set; }

        public ReadOnlyMemory<byte>? PayloadUtf8 { get; set; }

        public IssuerSummary? Issuer { get; set; }

        /// <summary>Adds a step's outcome; false when it stops the verification.</summary>
        public bool Record(StepOutcome outcome)
        {
            steps.Add(outcome);
            return outcome.Result != StepResult.NotPassed;
        }

        public VerificationReport Finish()
        {
            var failed = steps.FirstOrDefault(s => s.Rejects);
            var conclusion = failed is null ? Conclusion.Approved : Conclusion.Rejected;
            steps.Add(failed is null
                ? StepOutcome.Passed(VerificationStep.Conclusion, "approved: every blocking check passed.")
                : new StepOutcome(VerificationStep.Conclusion, StepResult.NotPassed, $"rejected at step {(int)failed.Step} ({failed.Step.Title()}): {failed.Message}", failed.Findings.Where(f => f.IsBlocking).ToList()));

            return new VerificationReport
            {
                Conclusion = conclusion,
                Steps = steps,
                TreatmentDate = TreatmentDate,
                TrustDataAsOf = trustDataAsOf,
                VerifiedAt = verifiedAt,
                QrText = qrText,
                TokenAscii = TokenAscii,
                Header = Header,
                Payload = Payload,
                PayloadUtf8 = PayloadUtf8,
                Issuer = conclusion == Conclusion.Approved ? Issuer : null,
                VerifierName = verifierName,
            };
        }
    }
}
