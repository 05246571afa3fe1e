using Credentials.Documents;
using Credentials.Labels;
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

    /// <summary>A verifier over <paramref name="registry"/> on <paramref name="time"/>'s clock. Without <paramref name="status"/>, no status source is configured: step 6 is N/A ("no source"); pass <see cref="StatusCheckers.Offline"/> to say the verifier chose not to check.</summary>
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

        // The report states the date the verification was for, the one asked for (or today), even when it is refused.
        run.TreatmentDate = date;
        if (!run.Record(CheckTreatmentDate(date, today, treatmentDate is null)))
        {
            return run;
        }

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
                throw new WireFormatException(notJson.Code, notJson.Text);
            }
        }
        catch (WireFormatException e)
        {
            run.Record(StepOutcome.NotPassed(VerificationStep.Decode, e.ToFinding()));
            return run;
        }

        verified = (jws, null);
        run.Record(StepOutcome.Passed(VerificationStep.Decode, VerifierMessages.Decoded()));

        // Step 3: the schema named by sid, the kid pattern, the alg allow-list.
        var header = headerRead.Header;
        IReadOnlyList<Finding> validation = headerRead.Findings.Count == 0 ? payloadRead.Findings : [.. headerRead.Findings, .. payloadRead.Findings];
        if (!run.Record(StepOutcome.FromFindings(VerificationStep.Validate, validation, VerifierMessages.Validated(payloadRead.Payload?.SchemaId))))
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
            return StepOutcome.NotPassed(VerificationStep.TreatmentDate, Finding.Error(FindingCode.TreatmentDateBefore1900, VerifierMessages.TreatmentDateBefore1900(date)));
        }

        if (date > today)
        {
            return StepOutcome.NotPassed(VerificationStep.TreatmentDate, Finding.Error(FindingCode.TreatmentDateInFuture, VerifierMessages.TreatmentDateInFuture(date, today)));
        }

        return StepOutcome.Passed(VerificationStep.TreatmentDate, VerifierMessages.TreatmentDatePassed(date, defaulted));
    }

    /// <summary>Step 4 refuses trust data that is too old to decide with, or past the next update its source signed.</summary>
    private StepOutcome? CheckTrustDataUsable(DateTimeOffset now)
    {
        if (registry.NextUpdate is { } due && now > due)
        {
            var reason = VerifierMessages.TrustDataExpired(due);
            return new StepOutcome(VerificationStep.ResolveKey, StepResult.NotApplicable, reason, [Finding.Error(FindingCode.TrustDataExpired, reason)]);
        }

        if (registry.AsOf is { } asOf && now - asOf > options.MaxTrustDataAge)
        {
            var reason = VerifierMessages.TrustDataTooOld(now - asOf, options.MaxTrustDataAge);
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
                return (StepOutcome.NotPassed(Step, Finding.Error(FindingCode.KeyNotResolved, VerifierMessages.KeyNotResolved(header.KeyId.Thumbprint))), null);
            case KeyResolutionOutcome.NotLinkedToAuthenticSource:
                return (StepOutcome.NotPassed(Step, Finding.Error(FindingCode.KeyNotLinkedToAuthenticSource, VerifierMessages.KeyNotLinked(source, header.KeyId.Thumbprint, resolution.LinkedInstitutions!))), null);
            case KeyResolutionOutcome.Ambiguous:
                return (StepOutcome.NotPassed(Step, Finding.Error(FindingCode.KeyAmbiguous, VerifierMessages.KeyAmbiguous(source, header.KeyId.Thumbprint))), null);
        }

        var key = resolution.Certificate!.GetVerificationKey(out var keyProblem);
        if (key is null)
        {
            return (StepOutcome.NotPassed(Step, Finding.Error(FindingCode.AlgorithmKeyMismatch, VerifierMessages.KeyUnusable(keyProblem!))), null);
        }

        if (!key.Fits(header.Algorithm, out var mismatch))
        {
            return (StepOutcome.NotPassed(Step, Finding.Error(FindingCode.AlgorithmKeyMismatch, mismatch)), null);
        }

        if (!key.Verify(jws, header.Algorithm))
        {
            return (StepOutcome.NotPassed(Step, Finding.Error(FindingCode.SignatureInvalid, VerifierMessages.SignatureInvalid(header.Algorithm.Name(), source))), null);
        }

        var passed = VerifierMessages.SignatureVerified(header.Algorithm.Name(), source, resolution.Issuer!.Name);
        var warning = registry.AsOf switch
        {
            null => Finding.Warning(FindingCode.TrustDataAgeUnknown, VerifierMessages.TrustDataAgeUnknown()),
            { } asOf when now - asOf > VerifierOptions.TrustDataCacheLimit => Finding.Warning(FindingCode.TrustDataStale, VerifierMessages.TrustDataStale(now - asOf)),
            _ => null,
        };
        return warning is null
            ? (StepOutcome.Passed(Step, passed), resolution)
            : (new StepOutcome(Step, StepResult.Warning, MessageText.Join(" ", [passed, warning.Text]), [warning]), resolution);
    }

    private static StepOutcome CheckBusinessRules(QrTokenPayload payload, RegistryIssuer issuer, TrustedCertificate certificate)
    {
        var document = payload.Document;
        var findings = new List<Finding>();
        var issued = document.IssuedOn;
        var issuedPath = payload.PathOf(DocumentField.IssuedOn);
        if (!certificate.IsValidOn(issued))
        {
            findings.Add(Finding.Error(FindingCode.CertificateNotValidOnIssueDate, VerifierMessages.CertificateNotValid(certificate.ValidityText, issued), issuedPath));
        }

        // Spec §5 step 5: accredited on di, and the period the document covers inside one accreditation period.
        var accreditation = document.Accreditation;
        var periods = issuer.PeriodsFor(accreditation.PortableDocument).ToList();
        var coverage = document.Coverage;
        var note = VerifierMessages.AccreditationNote(accreditation.Note);
        if (!periods.Any(p => p.Contains(issued)))
        {
            var known = periods.Count == 0 ? null : string.Join(", ", periods);
            findings.Add(Finding.Error(FindingCode.NotAccreditedOnIssueDate, VerifierMessages.NotAccredited(issuer.Id, accreditation.PortableDocument, issued, known, note), issuedPath));
        }
        else if (!periods.Any(p => p.Contains(coverage.First) && p.Contains(coverage.Last)))
        {
            findings.Add(Finding.Error(FindingCode.EntitlementOutsideAccreditation, VerifierMessages.OutsideAccreditation(coverage.ToString(), accreditation.PortableDocument, issuer.Id, note), payload.PathOf(document is ProvisionalReplacementCertificate ? DocumentField.EntitlementStart : DocumentField.IssuedOn)));
        }

        findings.AddRange(payload.CheckRules());
        return StepOutcome.FromFindings(VerificationStep.BusinessChecks, findings, VerifierMessages.BusinessChecksPassed(issuer.Id, accreditation.PortableDocument, issued, note));
    }

    private async ValueTask<StepOutcome> CheckStatusAsync(QrTokenPayload payload, IStatusChecker checker, CancellationToken cancellationToken)
    {
        const VerificationStep Step = VerificationStep.Revocation;
        if (payload.Status is not { } reference)
        {
            var missing = VerifierMessages.StatusReferenceMissing(payload.TokenId is null, payload.RevocationList is null);
            return new StepOutcome(Step, StepResult.Warning, missing, [Finding.Warning(FindingCode.RevocationReferenceMissing, missing)]);
        }

        var check = await checker.CheckAsync(reference, payload.Document.Institution.Id, cancellationToken).ConfigureAwait(false);
        return check.Status switch
        {
            CredentialStatus.Valid => StepOutcome.Passed(Step, check.Text),
            CredentialStatus.Revoked => StepOutcome.NotPassed(Step, Finding.Error(FindingCode.Revoked, check.Text)),
            CredentialStatus.Suspended => StepOutcome.NotPassed(Step, Finding.Error(FindingCode.Suspended, check.Text)),
            _ when check.UnknownCause == StatusUnknownCause.NotChecked => new StepOutcome(Step, StepResult.NotApplicable, check.Text, [Unknown(FindingCode.RevocationNotChecked, check.Text)]),
            _ => new StepOutcome(Step, StepResult.NotApplicable, check.Text, [Unknown(FindingCode.RevocationListUnavailable, check.Text)]),
        };

        // Unknown is never revoked nor valid: N/A, and it rejects only when the verifier requires a known status.
        Finding Unknown(FindingCode code, MessageText reason) => options.RequireKnownStatus ? Finding.Error(code, reason) : Finding.Warning(code, reason);
    }

    private static StepOutcome CheckTreatmentPeriod(HealthInsuranceDocument document, DateOnly date)
    {
        const VerificationStep Step = VerificationStep.TreatmentPeriod;
        var coverage = document.Coverage;
        var isEntitlement = document is ProvisionalReplacementCertificate;
        if (date < coverage.First)
        {
            return StepOutcome.NotPassed(Step, Finding.Error(FindingCode.TreatmentBeforeEntitlement, VerifierMessages.TreatmentBeforeCoverage(date, coverage.First, isEntitlement)));
        }

        if (date > coverage.Last)
        {
            return StepOutcome.NotPassed(Step, Finding.Error(FindingCode.TreatmentAfterEntitlement, VerifierMessages.TreatmentAfterCoverage(date, coverage.Last, isEntitlement)));
        }

        return StepOutcome.Passed(Step, VerifierMessages.TreatmentInCoverage(coverage.ToString(), isEntitlement));
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
                ? StepOutcome.Passed(VerificationStep.Conclusion, VerifierMessages.Approved())
                : new StepOutcome(VerificationStep.Conclusion, StepResult.NotPassed, VerifierMessages.Rejected(failed.Step, failed.Text), failed.Findings.Where(f => f.IsBlocking).ToList()));

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
