using Credentials.Documents;
using Credentials.Model;
using Credentials.Status;
using Credentials.Trust;
using Credentials.WireFormat;

namespace Credentials.Verification;

/// <summary>
/// Verifies the QR code of any of our documents (the ePRC, the eEHIC, the ISI+) in the eight steps of EC ePRC spec
/// §5, reporting every step and stopping at the first NOT PASSED. The clock is read once per verification. Only the
/// status step (6) may do I/O, asynchronously; <see cref="VerifyOffline"/> does none. Thread-safe: one instance
/// serves a whole application.
/// </summary>
public sealed class QrTokenVerifier
{
    private readonly ITrustRegistry registry;
    private readonly TimeProvider time;
    private readonly IStatusChecker status;
    private readonly VerifierOptions options;

    public QrTokenVerifier(ITrustRegistry registry, TimeProvider time, IStatusChecker? status = null, VerifierOptions? options = null)
    {
        this.registry = registry ?? throw new ArgumentNullException(nameof(registry));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.status = status ?? new StatusCheckers();
        this.options = options ?? new VerifierOptions();
    }

    /// <summary>Verifies QR text for a treatment date (by default today in the verifier's time zone), checking the status online.</summary>
    public async Task<VerificationReport> VerifyAsync(string qrText, DateOnly? treatmentDate = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(qrText);
        var run = Begin(qrText, treatmentDate, out var verified);
        using (verified.Token)
        {
            if (verified.Payload is null)
            {
                return run.Finish();
            }

            // Step 6: status, the only step that may wait on the network.
            if (!run.Record(await CheckStatusAsync(verified.Payload, status, cancellationToken).ConfigureAwait(false)))
            {
                return run.Finish();
            }

            run.Record(CheckTreatmentPeriod(verified.Payload.Document, run.TreatmentDate!.Value));
            return run.Finish();
        }
    }

    /// <summary>
    /// Verifies QR text with no I/O at all: every step but the status, which is N/A ("not checked"): for a verifier
    /// without a network, or one that checks the status itself.
    /// </summary>
    public VerificationReport VerifyOffline(string qrText, DateOnly? treatmentDate = null)
    {
        ArgumentNullException.ThrowIfNull(qrText);
        var run = Begin(qrText, treatmentDate, out var verified);
        using (verified.Token)
        {
            if (verified.Payload is null)
            {
                return run.Finish();
            }

            var offline = CheckStatusAsync(verified.Payload, StatusCheckers.Offline, CancellationToken.None);
            if (!run.Record(offline.IsCompleted ? offline.Result : offline.AsTask().GetAwaiter().GetResult()))
            {
                return run.Finish();
            }

            run.Record(CheckTreatmentPeriod(verified.Payload.Document, run.TreatmentDate!.Value));
            return run.Finish();
        }
    }

    /// <summary>Steps 1 to 5; the payload when they let the document through, else null (and the run is finished by the caller).</summary>
    private Run Begin(string qrText, DateOnly? treatmentDate, out (JwsCompact? Token, QrTokenPayload? Payload) verified)
    {
        var now = time.GetUtcNow();
        var run = new Run(qrText, now, options.VerifierName, registry.AsOf);
        verified = (null, null);

        // Step 1 (spec §5): the treatment date lies in [1900-01-01, today].
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, options.TimeZone ?? time.LocalTimeZone).DateTime);
        var date = treatmentDate ?? today;
        if (!run.Record(CheckTreatmentDate(date, today, treatmentDate is null)))
        {
            return run;
        }

        run.TreatmentDate = date;

        // Step 2: QR text → Base45 → inflate → split the JWS; header and payload are JSON objects.
        JwsCompact jws;
        (JwsHeader? Header, IReadOnlyList<Finding> Findings) headerRead;
        PayloadReadResult payloadRead;
        try
        {
            run.TokenAscii = QrTextCodec.DecodeToAscii(qrText);
            jws = JwsCompact.Decode(run.TokenAscii);
            headerRead = JwsHeader.Read(jws.HeaderBytes);
            payloadRead = QrPayloadReader.Read(jws.PayloadBytes, PayloadReadMode.Token);
            if (payloadRead.Findings is [{ Code: FindingCode.PayloadNotJson } notJson])
            {
                throw new WireFormatException(notJson.Code, notJson.Message);
            }
        }
        catch (WireFormatException e)
        {
            run.Record(StepOutcome.NotPassed(VerificationStep.Decode, e.ToFinding()));
            return run;
        }

        verified = (jws, null);
        run.Record(StepOutcome.Passed(VerificationStep.Decode, "the QR text decodes to a JWS in compact serialization."));

        // Step 3: the schema named by sid, the kid pattern, the alg allow-list.
        var header = headerRead.Header;
        IReadOnlyList<Finding> validation = headerRead.Findings.Count == 0 ? payloadRead.Findings : [.. headerRead.Findings, .. payloadRead.Findings];
        if (!run.Record(StepOutcome.FromFindings(VerificationStep.Validate, validation, $"the payload follows schema {payloadRead.Payload?.SchemaId}; alg and kid are allowed.")))
        {
            return run;
        }

        var payload = payloadRead.Payload!;
        run.Header = header;
        run.Payload = payload;
        run.PayloadUtf8 = jws.PayloadBytes;
        var document = payload.Document;
        var source = document.Institution.Id;

        // Step 4: the key the registry links to the authentic source, and the signature. Trust data past the hard
        // age limit, or past its signed next update, resolves nothing: N/A, and never an approval (spec §5, "Offline").
        if (CheckTrustDataUsable(now) is { } unusable)
        {
            run.Record(unusable);
            return run;
        }

        var (keyOutcome, resolution) = ResolveAndCheckSignature(jws, header!, source, now);
        if (!run.Record(keyOutcome))
        {
            return run;
        }

        run.Issuer = new IssuerSummary(source.Country.Code, source.LocalId, resolution!.Issuer!.Name, header!.KeyId.ToString());

        // Step 5: certificate and accreditation on the date of issuance, the document's rules.
        if (!run.Record(CheckBusinessRules(payload, resolution.Issuer, resolution.Certificate!)))
        {
            return run;
        }

        verified = (jws, payload);
        return run;
    }

    private static StepOutcome CheckTreatmentDate(DateOnly date, DateOnly today, bool defaulted)
    {
        if (date < VerifierOptions.EarliestTreatmentDate)
        {
            return StepOutcome.NotPassed(VerificationStep.TreatmentDate, Finding.Error(FindingCode.TreatmentDateBefore1900, $"the treatment date {date:yyyy-MM-dd} is before 1900-01-01."));
        }

        if (date > today)
        {
            return StepOutcome.NotPassed(VerificationStep.TreatmentDate, Finding.Error(FindingCode.TreatmentDateInFuture, $"the treatment date {date:yyyy-MM-dd} is after today ({today:yyyy-MM-dd})."));
        }

        return StepOutcome.Passed(VerificationStep.TreatmentDate, defaulted ? $"treatment date {date:yyyy-MM-dd} (today, by default)." : $"treatment date {date:yyyy-MM-dd}.");
    }

    /// <summary>Step 4 refuses trust data that is too old to decide with, or past the next update its source signed.</summary>
    private StepOutcome? CheckTrustDataUsable(DateTimeOffset now)
    {
        if (registry.NextUpdate is { } due && now > due)
        {
            var reason = $"the trust data was due to be replaced at {due.UtcDateTime:yyyy-MM-dd HH:mm} UTC (its signed next update): fetch a new snapshot, then verify again.";
            return new StepOutcome(VerificationStep.ResolveKey, StepResult.NotApplicable, reason, [Finding.Error(FindingCode.TrustDataExpired, reason)]);
        }

        if (registry.AsOf is { } asOf && now - asOf > options.MaxTrustDataAge)
        {
            var reason = $"the trust data is {Describe(now - asOf)} old, more than the {Describe(options.MaxTrustDataAge)} allowed: update the registry, then verify again.";
            return new StepOutcome(VerificationStep.ResolveKey, StepResult.NotApplicable, reason, [Finding.Error(FindingCode.TrustDataTooOld, reason)]);
        }

        return null;
    }

    private (StepOutcome Outcome, KeyResolution? Resolution) ResolveAndCheckSignature(JwsCompact jws, JwsHeader header, InstitutionId source, DateTimeOffset now)
    {
        const VerificationStep Step = VerificationStep.ResolveKey;
        var resolution = registry.Resolve(KeyReference.FromKeyId(header.KeyId), source);
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
        var warning = registry.AsOf switch
        {
            null => Finding.Warning(FindingCode.TrustDataAgeUnknown, "the trust data's age is unknown (a resolver list carries no date): state when it was fetched, or use a registry database or a signed snapshot."),
            { } asOf when now - asOf > VerifierOptions.TrustDataCacheLimit => Finding.Warning(FindingCode.TrustDataStale, $"the trust data is {Describe(now - asOf)} old, more than the 24 hours the EC specification allows a cache."),
            _ => null,
        };
        return warning is null
            ? (StepOutcome.Passed(Step, passed), resolution)
            : (new StepOutcome(Step, StepResult.Warning, passed + " " + warning.Message, [warning]), resolution);
    }

    private static string Describe(TimeSpan age) => age.TotalHours < 48 ? $"{Math.Floor(age.TotalHours):0} hours" : $"{Math.Floor(age.TotalDays):0} days";

    private static StepOutcome CheckBusinessRules(QrTokenPayload payload, RegistryIssuer issuer, TrustedCertificate certificate)
    {
        var document = payload.Document;
        var findings = new List<Finding>();
        var issued = document.IssuedOn;
        var issuedPath = payload.PathOf(DocumentField.IssuedOn);
        if (!certificate.IsValidOn(issued))
        {
            findings.Add(Finding.Error(FindingCode.CertificateNotValidOnIssueDate, $"the signing certificate (valid {certificate.ValidityText}) was not valid on the date of issuance {issued:yyyy-MM-dd}.", issuedPath));
        }

        // Spec §5 step 5: accredited on di, and the period the document covers inside one accreditation period.
        var accreditation = document.Accreditation;
        var periods = issuer.PeriodsFor(accreditation.PortableDocument).ToList();
        var coverage = document.Coverage;
        var note = accreditation.Note is null ? string.Empty : $" ({accreditation.Note})";
        if (!periods.Any(p => p.Contains(issued)))
        {
            var known = periods.Count == 0 ? $"it has no {accreditation.PortableDocument} accreditation" : $"its {accreditation.PortableDocument} accreditation: {string.Join(", ", periods)}";
            findings.Add(Finding.Error(FindingCode.NotAccreditedOnIssueDate, $"the issuer {issuer.Id} was not accredited for {accreditation.PortableDocument} on the date of issuance {issued:yyyy-MM-dd} ({known}){note}.", issuedPath));
        }
        else if (!periods.Any(p => p.Contains(coverage.First) && p.Contains(coverage.Last)))
        {
            findings.Add(Finding.Error(FindingCode.EntitlementOutsideAccreditation, $"the period the document covers, {coverage}, does not lie inside one {accreditation.PortableDocument} accreditation period of {issuer.Id}{note}.", payload.PathOf(document is ProvisionalReplacementCertificate ? DocumentField.EntitlementStart : DocumentField.IssuedOn)));
        }

        findings.AddRange(payload.CheckRules());
        return StepOutcome.FromFindings(VerificationStep.BusinessChecks, findings, $"the certificate was valid and {issuer.Id} accredited for {accreditation.PortableDocument} on {issued:yyyy-MM-dd}{note}; the date rules hold.");
    }

    private async ValueTask<StepOutcome> CheckStatusAsync(QrTokenPayload payload, IStatusChecker checker, CancellationToken cancellationToken)
    {
        const VerificationStep Step = VerificationStep.Revocation;
        if (payload.Status is not { } reference)
        {
            var missing = (payload.TokenId, payload.RevocationList) switch
            {
                (null, null) => "jti and rid are absent",
                (null, _) => "jti is absent",
                _ => "rid is absent",
            };
            return new StepOutcome(Step, StepResult.Warning, $"revocation not checked: {missing}.", [Finding.Warning(FindingCode.RevocationReferenceMissing, $"revocation not checked: {missing}.")]);
        }

        var check = await checker.CheckAsync(reference, payload.Document.Institution.Id, cancellationToken).ConfigureAwait(false);
        return check.Status switch
        {
            CredentialStatus.Valid => StepOutcome.Passed(Step, check.Reason),
            CredentialStatus.Revoked => StepOutcome.NotPassed(Step, Finding.Error(FindingCode.Revoked, check.Reason)),
            CredentialStatus.Suspended => StepOutcome.NotPassed(Step, Finding.Error(FindingCode.Suspended, check.Reason)),
            _ when check.UnknownCause == StatusUnknownCause.NotChecked => new StepOutcome(Step, StepResult.NotApplicable, check.Reason, [Unknown(FindingCode.RevocationNotChecked, check.Reason)]),
            _ => new StepOutcome(Step, StepResult.NotApplicable, check.Reason, [Unknown(FindingCode.RevocationListUnavailable, check.Reason)]),
        };

        // Unknown is never revoked nor valid: N/A, and it rejects only when the verifier requires a known status.
        Finding Unknown(FindingCode code, string reason) => options.RequireKnownStatus ? Finding.Error(code, reason) : Finding.Warning(code, reason);
    }

    private static StepOutcome CheckTreatmentPeriod(HealthInsuranceDocument document, DateOnly date)
    {
        const VerificationStep Step = VerificationStep.TreatmentPeriod;
        var coverage = document.Coverage;
        var what = document is ProvisionalReplacementCertificate ? "the entitlement" : "the card's validity";
        if (date < coverage.First)
        {
            return StepOutcome.NotPassed(Step, Finding.Error(FindingCode.TreatmentBeforeEntitlement, $"the treatment date {date:yyyy-MM-dd} is before the start of {what} ({coverage.First:yyyy-MM-dd})."));
        }

        if (date > coverage.Last)
        {
            return StepOutcome.NotPassed(Step, Finding.Error(FindingCode.TreatmentAfterEntitlement, $"the treatment date {date:yyyy-MM-dd} is after the end of {what} ({coverage.Last:yyyy-MM-dd})."));
        }

        return StepOutcome.Passed(Step, $"the treatment date lies in {what} {coverage}.");
    }

    /// <summary>The state of one verification while it runs.</summary>
    private sealed class Run(string qrText, DateTimeOffset verifiedAt, string? verifierName, DateTimeOffset? trustDataAsOf)
    {
        private readonly List<StepOutcome> steps = new(8);

        public DateOnly? TreatmentDate { get; set; }

        public byte[]? TokenAscii { get; set; }

        public JwsHeader? Header { get; set; }

        public QrTokenPayload? Payload { get; set; }

        public ReadOnlyMemory<byte>? PayloadUtf8 { get; set; }

        public IssuerSummary? Issuer { get; set; }

        /// <summary>Adds a step's outcome; false when it stops the verification.</summary>
        public bool Record(StepOutcome outcome)
        {
            steps.Add(outcome);
            return !outcome.Rejects;
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
