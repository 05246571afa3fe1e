using System.Text.Json;
using Credentials.Labels;
using Credentials.Model;
using Credentials.Status;
using Credentials.Trust;
using Credentials.Verification;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwt;

namespace Credentials.Wallet.SdJwtVc;

/// <summary>
/// Verifies a presentation of our SD-JWT VCs (the EHIC, the ISI+) against the same trust registry and status seam
/// as the QR documents, step by step (<see cref="WalletVerificationStep"/>), stopping at the first step that rejects:
/// decode; signature and trust (the <c>x5c</c> leaf linked to <c>authentic_source.id</c>, valid at <c>iat</c>);
/// Disclosures; technical validity (<c>nbf</c>/<c>exp</c>); Key Binding as the policy requires; the claims, by the
/// document's rules, and the accreditation; the document's validity; the coverage on the treatment date; the
/// status. The clock is read once per verification; only the status step does I/O. Thread-safe.
/// </summary>
public sealed class WalletCredentialVerifier
{
    private readonly ITrustRegistry registry;
    private readonly TimeProvider time;
    private readonly IStatusChecker status;
    private readonly WalletVerifierOptions options;
    private readonly SdJwtVerifier sdJwt;
    private readonly HashSet<string> acceptedTypes;

    /// <summary>A verifier trusting <paramref name="registry"/>, checking statuses with <paramref name="status"/> (none configured: unknown, "no source").</summary>
    public WalletCredentialVerifier(ITrustRegistry registry, TimeProvider time, IStatusChecker? status = null, WalletVerifierOptions? options = null)
    {
        this.registry = registry ?? throw new ArgumentNullException(nameof(registry));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.status = status ?? new StatusCheckers();
        this.options = options ?? new WalletVerifierOptions();
        acceptedTypes = this.options.AcceptLegacyMediaType ? [WalletCredentialIssuer.MediaType, WalletVerifierOptions.LegacyMediaType] : [WalletCredentialIssuer.MediaType];
        sdJwt = new SdJwtVerifier(new RegistryKeyResolver(registry), new SdJwtVerifierOptions
        {
            AllowedAlgorithms = this.options.AllowedAlgorithms,
            AcceptedTypes = acceptedTypes,
            // The policy is applied here, after the signature, so that a missing KB-JWT is reported at its own step.
            RequireKeyBinding = false,
            RequireExpiry = true,
            ClockSkew = this.options.ClockSkew,
            KeyBindingMaxAge = this.options.KeyBindingMaxAge,
            Limits = this.options.Limits,
        }, time);
    }

    /// <summary>
    /// Verifies a presentation (compact or JWS JSON) for a treatment date (default: today). <paramref name="keyBinding"/>
    /// is this transaction's audience and nonce: required when the policy requires Key Binding, and needed to accept a
    /// presentation that carries a KB-JWT. Never throws for bad input: every problem is a step's finding.
    /// </summary>
    public async Task<WalletVerificationReport> VerifyAsync(string presentation, KeyBindingExpectation? keyBinding = null, DateOnly? treatmentDate = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        if (options.RequireKeyBinding && keyBinding is null)
        {
            throw new ArgumentException("the verifier requires Key Binding: give the audience and nonce to expect.", nameof(keyBinding));
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, options.TimeZone ?? time.LocalTimeZone).DateTime);
        // The report states the date the verification is for (the one asked for, or today) whichever step rejects.
        var run = new Run(now, registry.AsOf) { KeyBindingRequired = options.RequireKeyBinding, TreatmentDate = treatmentDate ?? today };

        // 1–5. RFC 9901 §7.1 and §7.3 with the registry as the key resolver: decode (an SD-JWT, its typ, our vct and
        // the plain claims trust is decided on), signature and trust, Disclosures, technical validity, Key Binding.
        var context = new RegistryKeyResolver.TrustContext(TrustDataUnusable(now));
        var verification = RegistryKeyResolver.Run(context, () => sdJwt.Verify(presentation, keyBinding));
        run.Thumbprint = context.Thumbprint;
        run.Type = context.Type;
        if (!RecordSdJwtSteps(verification, context, run, now))
        {
            return run.Finish();
        }

        run.Issuer = context.Resolution!.Issuer;
        run.KeyBinding = verification.KeyBinding;
        run.Claims = verification.ProcessedClaims;

        // 6. The type's claims, read into the document's fields by its rules, and the accreditation.
        var decoding = WalletCredentialCodec.Decode(verification.ProcessedClaims!.Value, options.EhicVariant);
        var findings = decoding.Findings.Select(WalletFinding.From).ToList();
        if (decoding.Credential is { } credential)
        {
            findings.AddRange(CheckAccreditation(credential, run.Issuer!));
        }

        if (!run.Record(WalletStepOutcome.FromFindings(WalletVerificationStep.Claims, findings, decoding.Credential is { } c ? WalletMessages.ClaimsPassed(c.Type.Name, c.Institution.Id, c.Accreditation.PortableDocument, c.IssuedOn, c.Accreditation.Note) : MessageText.Empty)))
        {
            return run.Finish();
        }

        var disclosed = decoding.Credential!;
        run.Credential = disclosed;

        // 7–8. The document's validity and its coverage on the treatment date.
        var date = treatmentDate ?? today;
        if (!run.Record(CheckTreatmentDate(date, today)) || !run.Record(CheckDocumentValidity(disclosed, date, today)))
        {
            return run.Finish();
        }

        if (!run.Record(CheckCoverage(disclosed, date, treatmentDate is null)))
        {
            return run.Finish();
        }

        // 9. Status, the only step that may wait on the network.
        run.Record(await CheckStatusAsync(disclosed, run, cancellationToken).ConfigureAwait(false));
        return run.Finish();
    }

    /// <summary>Trust data too old to decide with, or past the next update its source signed, resolves no key (as for the QR documents).</summary>
    private WalletFinding? TrustDataUnusable(DateTimeOffset now)
    {
        if (registry.NextUpdate is { } due && now > due)
        {
            return WalletFinding.Error(FindingCode.TrustDataExpired.ToWireName(), WalletMessages.TrustDataExpired(due));
        }

        return registry.AsOf is { } asOf && now - asOf > options.MaxTrustDataAge
            ? WalletFinding.Error(FindingCode.TrustDataTooOld.ToWireName(), WalletMessages.TrustDataTooOld(now - asOf, options.MaxTrustDataAge))
            : null;
    }

    /// <summary>Steps 1–5 from the SD-JWT layer's outcome: the steps before the one that refused passed, in its order of checks.</summary>
    private bool RecordSdJwtSteps(SdJwtVerification verification, RegistryKeyResolver.TrustContext context, Run run, DateTimeOffset now)
    {
        var failure = verification.Failure;
        var failedAt = failure is null ? (WalletVerificationStep?)null
            : failure.Code == SdJwtError.IssuerKeyRefused && context.Refusal is not null ? context.RefusalStep
            : StepOf(failure.Code);
        var finding = failure is null ? null : failure.Code == SdJwtError.IssuerKeyRefused && context.Refusal is { } refusal ? refusal : WalletFinding.From(failure);
        if (failedAt == WalletVerificationStep.Decode)
        {
            run.Record(WalletStepOutcome.NotPassed(WalletVerificationStep.Decode, failure!.Code == SdJwtError.TypeNotAccepted
                ? WalletFinding.Error(WalletFindingCodes.TypeNotAccepted, WalletMessages.TypeNotAccepted(options.AcceptLegacyMediaType))
                : finding!));
            return false;
        }

        run.Record(WalletStepOutcome.Passed(WalletVerificationStep.Decode, WalletMessages.Decoded(context.Type?.Vct, context.MediaType)));
        if (failedAt == WalletVerificationStep.SignatureAndTrust)
        {
            // Trust data that may not be used makes the step N/A (a check that could not be made), never PASSED.
            run.Record(ReferenceEquals(finding, context.TrustDataProblem)
                ? new WalletStepOutcome(WalletVerificationStep.SignatureAndTrust, StepResult.NotApplicable, finding!.Text, [finding])
                : WalletStepOutcome.NotPassed(WalletVerificationStep.SignatureAndTrust, finding!));
            return false;
        }

        if (context.Resolution is null)
        {
            // Refused before the signature was checked (a KB-JWT presented to a verifier given no audience and nonce).
            run.Record(WalletStepOutcome.NotPassed(failedAt ?? WalletVerificationStep.SignatureAndTrust, finding!));
            return false;
        }

        // RFC 9901 §7.3 steps 1–2: Key Binding is required by the verifier's policy, never by what the holder sent.
        if (failedAt is null && options.RequireKeyBinding && verification.KeyBinding != KeyBindingStatus.Verified)
        {
            failedAt = WalletVerificationStep.KeyBinding;
            finding = WalletFinding.From(MissingKeyBinding);
        }

        var issuer = context.Resolution.Issuer!;
        var signed = WalletMessages.Signed(verification.IssuerHeader?.Algorithm ?? context.Algorithm ?? "-", context.Institution, issuer.Name);
        var warning = registry.AsOf switch
        {
            null => WalletFinding.Warning(FindingCode.TrustDataAgeUnknown.ToWireName(), WalletMessages.TrustDataAgeUnknown()),
            { } asOf when now - asOf > VerifierOptions.TrustDataCacheLimit => WalletFinding.Warning(FindingCode.TrustDataStale.ToWireName(), WalletMessages.TrustDataStale(now - asOf)),
            _ => null,
        };
        run.Record(warning is null
            ? WalletStepOutcome.Passed(WalletVerificationStep.SignatureAndTrust, signed)
            : new(WalletVerificationStep.SignatureAndTrust, StepResult.Warning, MessageText.Join(" ", [signed, warning.Text]), [warning]));

        foreach (var step in new[] { WalletVerificationStep.Disclosures, WalletVerificationStep.TechnicalValidity, WalletVerificationStep.KeyBinding })
        {
            if (failedAt == step)
            {
                run.Record(WalletStepOutcome.NotPassed(step, finding!));
                return false;
            }

            run.Record(WalletStepOutcome.Passed(step, step switch
            {
                WalletVerificationStep.Disclosures => WalletMessages.DisclosuresPassed(verification.Disclosed.Count),
                WalletVerificationStep.TechnicalValidity => WalletMessages.TechnicalValidity(context.NotBefore, context.ExpiresAt),
                _ => verification.KeyBinding == KeyBindingStatus.Verified ? WalletMessages.KeyBindingVerified() : WalletMessages.KeyBindingNotRequired(),
            }));
        }

        return true;
    }

    private static readonly SdJwtFailure MissingKeyBinding = new(SdJwtError.KeyBindingMissing, "the verifier requires Key Binding and the presentation has no Key Binding JWT");

    /// <summary>Which step an SD-JWT refusal belongs to (the layer checks in this order: RFC 9901 §7.1 then §7.3).</summary>
    private static WalletVerificationStep StepOf(SdJwtError error) => error switch
    {
        SdJwtError.NotAnSdJwt or SdJwtError.NotTerminated or SdJwtError.LimitExceeded or SdJwtError.IssuerJwtMalformed
            or SdJwtError.TypeNotAccepted => WalletVerificationStep.Decode,
        SdJwtError.AlgorithmNotAllowed or SdJwtError.IssuerKeyRefused or SdJwtError.IssuerKeyUnsuitable
            or SdJwtError.IssuerSignatureInvalid => WalletVerificationStep.SignatureAndTrust,
        SdJwtError.ValidityClaimMalformed or SdJwtError.Expired or SdJwtError.NotYetValid => WalletVerificationStep.TechnicalValidity,
        SdJwtError.KeyBindingMissing or SdJwtError.KeyBindingUnexpected or SdJwtError.KeyBindingMalformed or SdJwtError.HolderKeyInvalid
            or SdJwtError.KeyBindingAlgorithmNotAllowed or SdJwtError.KeyBindingSignatureInvalid or SdJwtError.KeyBindingTypeInvalid
            or SdJwtError.KeyBindingNotFresh or SdJwtError.KeyBindingAudienceMismatch or SdJwtError.KeyBindingNonceMismatch
            or SdJwtError.SdHashMismatch => WalletVerificationStep.KeyBinding,
        _ => WalletVerificationStep.Disclosures,
    };

    private static IEnumerable<WalletFinding> CheckAccreditation(DisclosedCredential credential, RegistryIssuer issuer)
    {
        // EC ePRC spec §5 step 5, as for the QR documents: accredited on the date of issuance, and the period the
        // document covers inside one accreditation period.
        var accreditation = credential.Accreditation;
        var periods = issuer.PeriodsFor(accreditation.PortableDocument).ToList();
        var coverage = credential.Coverage ?? new Documents.DateSpan(credential.IssuedOn, credential.Expiry);
        if (!periods.Any(p => p.Contains(credential.IssuedOn)))
        {
            yield return WalletFinding.Error(FindingCode.NotAccreditedOnIssueDate.ToWireName(), WalletMessages.NotAccredited(issuer.Id, accreditation.PortableDocument, credential.IssuedOn, periods.Count == 0 ? null : string.Join(", ", periods), accreditation.Note), "/" + WalletClaimNames.DateOfIssuance);
        }
        else if (!periods.Any(p => p.Contains(coverage.First) && p.Contains(coverage.Last)))
        {
            yield return WalletFinding.Error(FindingCode.EntitlementOutsideAccreditation.ToWireName(), WalletMessages.CoverageOutsideAccreditation(coverage.ToString(), accreditation.PortableDocument, issuer.Id, accreditation.Note), "/" + (credential.Coverage is null ? WalletClaimNames.DateOfExpiry : WalletClaimNames.StartingDate));
        }
    }

    private static WalletStepOutcome CheckTreatmentDate(DateOnly date, DateOnly today)
    {
        // EC ePRC spec §5 step 1, for every format: the treatment date lies in [1900-01-01, today].
        if (date < VerifierOptions.EarliestTreatmentDate)
        {
            return WalletStepOutcome.NotPassed(WalletVerificationStep.Coverage, WalletFinding.Error(FindingCode.TreatmentDateBefore1900.ToWireName(), WalletMessages.TreatmentBefore1900(date)));
        }

        return date > today
            ? WalletStepOutcome.NotPassed(WalletVerificationStep.Coverage, WalletFinding.Error(FindingCode.TreatmentDateInFuture.ToWireName(), WalletMessages.TreatmentInFuture(date, today)))
            : WalletStepOutcome.Passed(WalletVerificationStep.DocumentValidity, MessageText.Empty);
    }

    private static WalletStepOutcome CheckDocumentValidity(DisclosedCredential credential, DateOnly date, DateOnly today)
    {
        const WalletVerificationStep Step = WalletVerificationStep.DocumentValidity;
        if (credential.IssuedOn > today)
        {
            return WalletStepOutcome.NotPassed(Step, WalletFinding.Error(WalletFindingCodes.DocumentNotYetIssued, WalletMessages.DocumentNotYetIssued(credential.IssuedOn, today), "/" + WalletClaimNames.DateOfIssuance));
        }

        return date > credential.Expiry
            ? WalletStepOutcome.NotPassed(Step, WalletFinding.Error(WalletFindingCodes.DocumentExpired, WalletMessages.DocumentExpired(credential.Expiry, date), "/" + WalletClaimNames.DateOfExpiry))
            : WalletStepOutcome.Passed(Step, WalletMessages.DocumentValid(credential.IssuedOn, credential.Expiry, date));
    }

    private static WalletStepOutcome CheckCoverage(DisclosedCredential credential, DateOnly date, bool defaulted)
    {
        const WalletVerificationStep Step = WalletVerificationStep.Coverage;
        if (credential.Coverage is not { } coverage)
        {
            return new(Step, StepResult.Warning, WalletMessages.CoverageNotStated(), [WalletFinding.Warning(WalletFindingCodes.CoverageNotStated, WalletMessages.CoverageNotStated())]);
        }

        if (date < coverage.First)
        {
            return WalletStepOutcome.NotPassed(Step, WalletFinding.Error(FindingCode.TreatmentBeforeEntitlement.ToWireName(), WalletMessages.TreatmentBeforeCoverage(date, coverage.First), "/" + WalletClaimNames.StartingDate));
        }

        return date > coverage.Last
            ? WalletStepOutcome.NotPassed(Step, WalletFinding.Error(FindingCode.TreatmentAfterEntitlement.ToWireName(), WalletMessages.TreatmentAfterCoverage(date, coverage.Last), "/" + WalletClaimNames.EndingDate))
            : WalletStepOutcome.Passed(Step, WalletMessages.Covered(date, coverage.ToString(), defaulted));
    }

    private async ValueTask<WalletStepOutcome> CheckStatusAsync(DisclosedCredential credential, Run run, CancellationToken cancellationToken)
    {
        const WalletVerificationStep Step = WalletVerificationStep.Status;
        if (credential.Status is not { } reference)
        {
            // The attestation rulebook's alternative to a status list: a validity of at most 24 hours.
            return credential.ExpiresAt is { } exp && exp - credential.IssuedAt <= WalletIssuerOptions.MaxLifetimeWithoutStatus
                ? WalletStepOutcome.Passed(Step, WalletMessages.ShortLivedWithoutStatus())
                : new(Step, StepResult.Warning, WalletMessages.StatusReferenceMissing(), [WalletFinding.Warning(WalletFindingCodes.StatusReferenceMissing, WalletMessages.StatusReferenceMissing())]);
        }

        var check = await status.CheckAsync(reference, credential.Institution.Id, cancellationToken).ConfigureAwait(false);
        run.Status = check;
        var message = check.Text; // the status checker's words, from the same label data
        return check.Status switch
        {
            CredentialStatus.Valid => WalletStepOutcome.Passed(Step, message),
            CredentialStatus.Revoked => WalletStepOutcome.NotPassed(Step, WalletFinding.Error(FindingCode.Revoked.ToWireName(), message)),
            CredentialStatus.Suspended => WalletStepOutcome.NotPassed(Step, WalletFinding.Error(FindingCode.Suspended.ToWireName(), message)),

            // Unknown is never revoked nor valid: N/A, and it rejects only when the policy requires a known status.
            _ => new(Step, StepResult.NotApplicable, message, [Unknown(check.UnknownCause == StatusUnknownCause.NotChecked ? WalletFindingCodes.StatusNotChecked : WalletFindingCodes.StatusUnknown, message)]),
        };

        WalletFinding Unknown(string code, MessageText text) => options.RequireKnownStatus ? WalletFinding.Error(code, text) : WalletFinding.Warning(code, text);
    }

    /// <summary>The state of one verification while it runs.</summary>
    private sealed class Run(DateTimeOffset verifiedAt, DateTimeOffset? trustDataAsOf)
    {
        private readonly List<WalletStepOutcome> steps = new(10);

        public WalletCredentialType? Type { get; set; }

        public DisclosedCredential? Credential { get; set; }

        public RegistryIssuer? Issuer { get; set; }

        public string? Thumbprint { get; set; }

        public KeyBindingStatus KeyBinding { get; set; }

        public StatusCheck? Status { get; set; }

        public JsonElement? Claims { get; set; }

        public bool KeyBindingRequired { get; init; }

        public DateOnly? TreatmentDate { get; set; }

        /// <summary>Adds a step's outcome (a PASSED outcome with no message is a check folded into the next step); false when it stops the run.</summary>
        public bool Record(WalletStepOutcome outcome)
        {
            if (!(outcome.Result == StepResult.Passed && ReferenceEquals(outcome.Text, MessageText.Empty)))
            {
                steps.Add(outcome);
            }

            return !outcome.Rejects;
        }

        public WalletVerificationReport Finish()
        {
            var failed = steps.FirstOrDefault(s => s.Rejects);
            steps.Add(failed is null
                ? WalletStepOutcome.Passed(WalletVerificationStep.Conclusion, WalletMessages.Approved())
                : new WalletStepOutcome(WalletVerificationStep.Conclusion, StepResult.NotPassed, WalletMessages.Rejected(failed.Step, failed.Text), [.. failed.Findings.Where(f => f.IsBlocking)]));
            return new WalletVerificationReport
            {
                Conclusion = failed is null ? Conclusion.Approved : Conclusion.Rejected,
                Steps = steps,
                VerifiedAt = verifiedAt,
                TrustDataAsOf = trustDataAsOf,
                TreatmentDate = TreatmentDate,
                Type = Type,
                Credential = Credential,
                Issuer = failed is null ? Issuer : null,
                CertificateThumbprint = Thumbprint,
                KeyBinding = KeyBinding,
                KeyBindingRequired = KeyBindingRequired,

                // Serialised only for an approved presentation: a rejected one's claims are not evidence of anything.
                ProcessedClaims = failed is null ? Claims : null,
                Status = Status,
            };
        }
    }
}
