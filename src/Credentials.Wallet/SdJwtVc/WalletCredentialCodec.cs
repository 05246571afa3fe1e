using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Documents;
using Credentials.Labels;
using Credentials.Model;
using Credentials.Status;
using Credentials.Wallet.SdJwt;
using N = Credentials.Wallet.SdJwtVc.WalletClaimNames;

namespace Credentials.Wallet.SdJwtVc;

/// <summary>
/// The SD-JWT VC codec over our documents: a second codec beside the QR token's, over the same document types.
/// <see cref="Encode"/> writes the claims of an EHIC or ISI+ credential (the selectively disclosable ones are named
/// by <see cref="WalletCredentialType.SelectivelyDisclosable"/>); <see cref="Decode"/> reads processed claims back
/// into the document model's types, checking each with the rule the document applies and reporting each problem at
/// its claim path. Field mapping: specs/ehic-sd-jwt-vc.md and specs/isi-sd-jwt-vc.md.
/// </summary>
public static class WalletCredentialCodec
{
    /// <summary>DC4EU EHIC rulebook: <c>personal_administrative_number</c> and <c>document_number</c> are 4 to 50 characters.</summary>
    public const int MinNumberLength = 4;

    /// <summary>DC4EU EHIC rulebook: at most 50 characters for the numbers.</summary>
    public const int MaxNumberLength = 50;

    /// <summary>The claims of <paramref name="document"/>'s credential; throws <see cref="ArgumentException"/> for an ePRC, which has no wallet type.</summary>
    public static JsonObject Encode(HealthInsuranceDocument document, WalletCredentialEnvelope envelope, EhicSchemaVariant variant = EhicSchemaVariant.Deployed)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(envelope);
        var type = WalletCredentialType.ForDocument(document, out var refusal) ?? throw new ArgumentException(refusal, nameof(document));

        // Registered claims first (draft-ietf-oauth-sd-jwt-vc §3.2.2.2); no 'sub' (see WalletCredentialEnvelope).
        var claims = new JsonObject
        {
            [N.Issuer] = envelope.Issuer,
            [N.IssuedAt] = envelope.IssuedAt.ToUnixTimeSeconds(),
            [N.NotBefore] = envelope.NotBefore.ToUnixTimeSeconds(),
            [N.ExpiresAt] = envelope.ExpiresAt.ToUnixTimeSeconds(),
            [N.CredentialId] = envelope.CredentialId,
            [N.Vct] = type.Vct,
        };
        if (envelope.Status is { } status)
        {
            // draft-ietf-oauth-status-list §6.2: "status": {"status_list": {"idx": …, "uri": …}}.
            claims[N.Status] = new JsonObject { [N.StatusList] = new JsonObject { ["idx"] = status.Index, ["uri"] = status.List.OriginalString } };
        }

        var institution = document.Institution;
        document.Match<object?>(
            _ => null,
            card =>
            {
                claims[N.PersonalAdministrativeNumber] = card.PersonalIdentificationNumber;
                AddInstitution(claims, institution, variant);
                claims[N.DocumentNumber] = card.CardNumber;
                return null;
            },
            isi =>
            {
                claims[N.PersonalAdministrativeNumber] = isi.NationalNumber.Digits;
                AddInstitution(claims, institution, EhicSchemaVariant.Deployed);
                claims[N.DocumentNumber] = envelope.DocumentId;
                claims[N.HolderSubject] = new JsonObject
                {
                    [N.FamilyName] = isi.Holder.FamilyName,
                    [N.GivenName] = isi.Holder.GivenNames,
                    [N.BirthDate] = isi.Holder.DateOfBirth.ToString(),
                };
                return null;
            });

        claims[N.DateOfIssuance] = Date(document.IssuedOn);
        claims[N.DateOfExpiry] = Date(document.Match(_ => document.Coverage.Last, card => card.Expiry, isi => isi.ValidUntil));

        // DC4EU: starting_date and ending_date are the period the entitlement covers; a card covers its validity.
        claims[N.StartingDate] = Date(document.Coverage.First);
        claims[N.EndingDate] = Date(document.Coverage.Last);
        return claims;
    }

    /// <summary>
    /// Reads processed claims (Disclosures applied, as <see cref="SdJwtVerifier"/> returns them). Claims the type
    /// does not define are ignored (SD-JWT VC allows them); every claim it defines is checked.
    /// </summary>
    public static WalletCredentialDecoding Decode(JsonElement claims, EhicSchemaVariant variant = EhicSchemaVariant.Deployed)
    {
        if (claims.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("the processed claims are a JSON object.", nameof(claims));
        }

        var read = new ClaimReader();
        var vct = read.String(claims, "/" + N.Vct, required: true);
        if (vct is null)
        {
            return read.Finish(null);
        }

        if (WalletCredentialType.FromVct(vct) is not { } type)
        {
            read.Error(FindingCode.UnknownSchemaId, "/" + N.Vct, "the credential type (vct) is not one this verifier reads.");
            return read.Finish(null);
        }

        var issuedAt = read.Instant(claims, "/" + N.IssuedAt, required: true);
        var notBefore = read.Instant(claims, "/" + N.NotBefore, required: false);
        var expiresAt = read.Instant(claims, "/" + N.ExpiresAt, required: false);
        var issuer = read.String(claims, "/" + N.Issuer, required: false);
        var credentialId = read.String(claims, "/" + N.CredentialId, required: false);
        var status = read.Status(claims);
        var institution = read.Institution(claims, type == WalletCredentialType.Ehic ? variant : EhicSchemaVariant.Deployed);
        var issuedOn = read.Date(claims, "/" + N.DateOfIssuance, required: true);
        var expiry = read.Date(claims, "/" + N.DateOfExpiry, required: true);
        var starting = read.Date(claims, "/" + N.StartingDate, required: false);
        var ending = read.Date(claims, "/" + N.EndingDate, required: false);
        if (starting.HasValue != ending.HasValue)
        {
            read.Error(FindingCode.SchemaViolation, "/" + (starting is null ? N.StartingDate : N.EndingDate), "starting_date and ending_date come together: one is missing.");
        }
        else if (starting > ending)
        {
            // DC4EU: ending_date >= starting_date.
            read.Error(FindingCode.StartAfterEnd, "/" + N.StartingDate, $"the coverage starts ({starting:yyyy-MM-dd}) after it ends ({ending:yyyy-MM-dd}).");
        }

        var number = read.Number(claims, "/" + N.PersonalAdministrativeNumber, type == WalletCredentialType.Ehic ? DocumentText.PersonalIdentificationNumber : null);
        var documentNumber = read.Number(claims, "/" + N.DocumentNumber, type == WalletCredentialType.Ehic ? DocumentText.CardNumber : null);
        string? familyName = null, givenNames = null;
        PartialDate? dateOfBirth = null;
        BelgianNationalNumber? nationalNumber = null;
        if (type == WalletCredentialType.IsiPlus)
        {
            if (institution is not null && IsiPlusCard.IssuingStateProblem(institution.Country) is { } state)
            {
                read.Error(FindingCode.SchemaViolation, "/" + N.AuthenticSource + "/" + N.Id, state);
            }

            var hasSubject = claims.TryGetProperty(N.HolderSubject, out var subject);
            if (!hasSubject || subject.ValueKind != JsonValueKind.Object)
            {
                read.Error(FindingCode.SchemaViolation, "/" + N.HolderSubject, hasSubject ? "subject is not an object." : "subject is missing.");
            }
            else
            {
                familyName = read.Text(subject, "/subject/" + N.FamilyName, DocumentText.FamilyName);
                givenNames = read.Text(subject, "/subject/" + N.GivenName, DocumentText.GivenNames);
                dateOfBirth = read.BirthDate(subject, "/subject/" + N.BirthDate);
            }

            if (number is not null)
            {
                nationalNumber = read.NationalNumber(number, dateOfBirth);
            }
        }

        if (read.Blocked || issuedAt is null || institution is null || issuedOn is null || expiry is null)
        {
            return read.Finish(null);
        }

        // The document's own date rules, over what the credential says (a birth date only when disclosed).
        var rules = type == WalletCredentialType.Ehic
            ? EuropeanHealthInsuranceCard.CheckDates(null, issuedOn, expiry)
            : IsiPlusCard.CheckDates(dateOfBirth, issuedOn, expiry);
        foreach (var finding in rules)
        {
            read.Add(finding with { Path = PathOf(finding.Field) });
        }

        HealthInsuranceDocument? document = null;
        if (!read.Blocked && type == WalletCredentialType.IsiPlus && familyName is not null && givenNames is not null && dateOfBirth is { } born && nationalNumber is { } nn)
        {
            // Every part of the card was disclosed: the card itself, built and checked by its constructor and rules.
            document = new IsiPlusCard(new DocumentHolder(familyName, givenNames, born), institution, nn, issuedOn.Value, expiry.Value);
            foreach (var finding in document.CheckRules().Where(f => f.Field is DocumentField.InstitutionId or DocumentField.InstitutionName))
            {
                read.Add(finding with { Path = PathOf(finding.Field) });
            }
        }

        return read.Finish(read.Blocked ? null : new DisclosedCredential
        {
            Type = type,
            Issuer = issuer,
            IssuedAt = issuedAt.Value,
            NotBefore = notBefore,
            ExpiresAt = expiresAt,
            CredentialId = credentialId,
            Status = status,
            Institution = institution,
            IssuedOn = issuedOn.Value,
            Expiry = expiry.Value,
            Coverage = starting is { } first && ending is { } last ? new DateSpan(first, last) : null,
            PersonalAdministrativeNumber = number,
            NationalNumber = nationalNumber,
            DocumentNumber = documentNumber,
            FamilyName = familyName,
            GivenNames = givenNames,
            DateOfBirth = dateOfBirth,
            Document = document,
        });
    }

    /// <summary>The claim path of a document field in our credentials, for findings of the document's rules.</summary>
    public static string? PathOf(DocumentField? field) => field switch
    {
        DocumentField.IssuedOn => "/" + N.DateOfIssuance,
        DocumentField.Expiry => "/" + N.DateOfExpiry,
        DocumentField.EntitlementStart => "/" + N.StartingDate,
        DocumentField.EntitlementEnd => "/" + N.EndingDate,
        DocumentField.DateOfBirth => "/subject/" + N.BirthDate,
        DocumentField.FamilyName => "/subject/" + N.FamilyName,
        DocumentField.GivenNames => "/subject/" + N.GivenName,
        DocumentField.NationalNumber or DocumentField.PersonalIdentificationNumber => "/" + N.PersonalAdministrativeNumber,
        DocumentField.CardNumber => "/" + N.DocumentNumber,
        DocumentField.InstitutionId => "/" + N.AuthenticSource + "/" + N.Id,
        DocumentField.InstitutionName => "/" + N.AuthenticSource + "/" + N.Name,
        DocumentField.IssuingCountry => "/" + N.IssuingCountry,
        _ => null,
    };

    private static void AddInstitution(JsonObject claims, CompetentInstitution institution, EhicSchemaVariant variant)
    {
        // DC4EU: the competent institution is both the issuing authority and the authentic source; its id is the
        // EESSI OfficialID, which the trust registry links signing certificates to.
        var authority = new JsonObject { [N.Id] = institution.Id.ToString(), [N.Name] = institution.Name };
        if (variant == EhicSchemaVariant.Dc4eu)
        {
            authority[N.Country] = institution.Country.Code;
        }
        else
        {
            claims[N.IssuingCountry] = institution.Country.Code;
        }

        claims[N.IssuingAuthority] = authority;
        claims[N.AuthenticSource] = new JsonObject { [N.Id] = institution.Id.ToString(), [N.Name] = institution.Name };
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>One decoding's reads: each problem becomes a finding at its claim path, and reading goes on.</summary>
    private sealed class ClaimReader
    {
        private readonly List<Finding> findings = [];

        public bool Blocked => findings.Any(f => f.IsBlocking);

        public void Add(Finding finding) => findings.Add(finding);

        // Our own sentences are English for now (WalletMessages is where they become message keys); the document
        // rules' and value types' texts keep their keys.
        public void Error(FindingCode code, string path, string message) => findings.Add(Finding.Error(code, MessageText.Untranslated(message), path));

        public void Error(FindingCode code, string path, MessageText text) => findings.Add(Finding.Error(code, text, path));

        public WalletCredentialDecoding Finish(DisclosedCredential? credential) => new(credential, findings);

        public string? String(JsonElement parent, string path, bool required) => StringValue(parent, path, required)?.GetString();

        /// <summary>The member at the last segment of <paramref name="path"/> when it is a string; a finding when it is not, or is missing and required.</summary>
        private JsonElement? StringValue(JsonElement parent, string path, bool required)
        {
            // The member is the path's last segment, looked up without a string of its own.
            var name = path.AsSpan(path.LastIndexOf('/') + 1);
            if (!parent.TryGetProperty(name, out var node))
            {
                if (required)
                {
                    Error(FindingCode.SchemaViolation, path, $"{name} is missing.");
                }

                return null;
            }

            if (node.ValueKind == JsonValueKind.String)
            {
                return node;
            }

            Error(FindingCode.SchemaViolation, path, $"{name} is not a string.");
            return null;
        }

        public DateTimeOffset? Instant(JsonElement claims, string path, bool required)
        {
            var name = path.AsSpan(1);
            if (!claims.TryGetProperty(name, out var node))
            {
                if (required)
                {
                    Error(FindingCode.SchemaViolation, path, $"{name} is missing.");
                }

                return null;
            }

            // RFC 7519 §2: NumericDate; we issue whole seconds and read whole seconds.
            if (node.ValueKind == JsonValueKind.Number && node.TryGetInt64(out var seconds) && seconds >= 0 && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }

            Error(FindingCode.SchemaViolation, path, $"{name} is not a NumericDate in whole seconds.");
            return null;
        }

        public DateOnly? Date(JsonElement claims, string path, bool required)
        {
            if (StringValue(claims, path, required) is not { } node)
            {
                return null;
            }

            // DC4EU: a date written YYYY-MM-DD. The JSON reader's ISO 8601-1 parse checks the digits, the month and the
            // day; of the forms it reads, the date alone is the only one ten characters long.
            if (node.GetString()!.Length == 10 && node.TryGetDateTime(out var instant))
            {
                return DateOnly.FromDateTime(instant);
            }

            Error(FindingCode.SchemaViolation, path, $"{path[1..]} is not a date written YYYY-MM-DD.");
            return null;
        }

        public StatusListEntry? Status(JsonElement claims)
        {
            if (!claims.TryGetProperty(N.Status, out var status))
            {
                return null;
            }

            // draft-ietf-oauth-status-list §6.2: "status": {"status_list": {"idx": non-negative integer, "uri": URI}};
            // another status mechanism (no status_list) is not ours to read.
            if (status.ValueKind != JsonValueKind.Object)
            {
                Error(FindingCode.SchemaViolation, "/" + N.Status, "status is not an object.");
                return null;
            }

            if (!status.TryGetProperty(N.StatusList, out var list))
            {
                return null;
            }

            if (list.ValueKind == JsonValueKind.Object
                && list.TryGetProperty("idx", out var idx) && idx.ValueKind == JsonValueKind.Number && idx.TryGetInt64(out var index) && index >= 0
                && list.TryGetProperty("uri", out var uri) && uri.ValueKind == JsonValueKind.String && Uri.TryCreate(uri.GetString(), UriKind.Absolute, out var address))
            {
                return new StatusListEntry(address, index);
            }

            Error(FindingCode.SchemaViolation, "/status/status_list", "status.status_list is not {idx: a non-negative integer, uri: an absolute URI}.");
            return null;
        }

        public CompetentInstitution? Institution(JsonElement claims, EhicSchemaVariant variant)
        {
            var source = Member(claims, N.AuthenticSource);
            var authority = Member(claims, N.IssuingAuthority);
            if (source is null || authority is null)
            {
                return null;
            }

            var idPath = $"/{N.AuthenticSource}/{N.Id}";
            var id = String(source.Value, idPath, required: true);
            var name = Text(source.Value, $"/{N.AuthenticSource}/{N.Name}", DocumentText.InstitutionName);
            var authorityId = String(authority.Value, $"/{N.IssuingAuthority}/{N.Id}", required: true);
            var authorityName = String(authority.Value, $"/{N.IssuingAuthority}/{N.Name}", required: true);
            var countryPath = variant == EhicSchemaVariant.Dc4eu ? $"/{N.IssuingAuthority}/{N.Country}" : "/" + N.IssuingCountry;
            var country = String(variant == EhicSchemaVariant.Dc4eu ? authority.Value : claims, countryPath, required: true);
            var otherShape = variant == EhicSchemaVariant.Dc4eu ? claims.TryGetProperty(N.IssuingCountry, out _) : authority.Value.TryGetProperty(N.Country, out _);
            if (otherShape)
            {
                Error(FindingCode.SchemaViolation, variant == EhicSchemaVariant.Dc4eu ? "/" + N.IssuingCountry : $"/{N.IssuingAuthority}/{N.Country}", "the issuing state is given in the other schema variant's place as well.");
            }

            if (id is null || name is null)
            {
                return null;
            }

            if (!InstitutionId.TryParse(id, out var institutionId, out _))
            {
                Error(FindingCode.SchemaViolation, idPath, "authentic_source.id is not an EESSI institution id (CC:localId, e.g. BE:0120).");
                return null;
            }

            // The credential names one institution: the issuing authority is the authentic source.
            if (authorityId is not null && authorityId != id)
            {
                Error(FindingCode.SchemaViolation, $"/{N.IssuingAuthority}/{N.Id}", "issuing_authority.id is not authentic_source.id.");
            }

            if (authorityName is not null && authorityName != name)
            {
                Error(FindingCode.SchemaViolation, $"/{N.IssuingAuthority}/{N.Name}", "issuing_authority.name is not authentic_source.name.");
            }

            if (country is not null && country != institutionId.Country.Code)
            {
                Error(FindingCode.SchemaViolation, countryPath, "the issuing state is not the country of authentic_source.id.");
            }

            return new CompetentInstitution(institutionId, name);
        }

        public string? Text(JsonElement parent, string path, DocumentText rule)
        {
            var value = String(parent, path, required: false);
            if (value is null)
            {
                return null;
            }

            if (rule.Check(value) is { } problem)
            {
                Error(problem.Code, path, problem.Text);
                return null;
            }

            return value;
        }

        /// <summary>A DC4EU number (4 to 50 characters), also held to the document field's rule when it has one.</summary>
        public string? Number(JsonElement claims, string path, DocumentText? rule)
        {
            var value = rule is null ? String(claims, path, required: false) : Text(claims, path, rule);
            if (value is null)
            {
                return null;
            }

            var length = DocumentText.CodePoints(value);
            if (length is < MinNumberLength or > MaxNumberLength || value.Any(char.IsControl))
            {
                Error(FindingCode.SchemaViolation, path, $"{path[1..]} is {length} characters long; it must be {MinNumberLength} to {MaxNumberLength}, with no control character.");
                return null;
            }

            return value;
        }

        public PartialDate? BirthDate(JsonElement subject, string path)
        {
            var text = String(subject, path, required: false);
            if (text is null)
            {
                return null;
            }

            if (PartialDate.TryParse(text, out var date, out var error))
            {
                return date;
            }

            Error(FindingCode.SchemaViolation, path, error);
            return null;
        }

        public BelgianNationalNumber? NationalNumber(string digits, PartialDate? dateOfBirth)
        {
            const string Path = "/" + N.PersonalAdministrativeNumber;
            if (!BelgianNationalNumber.TryParse(digits, out var number, out var error))
            {
                Error(FindingCode.NationalNumberInvalid, Path, error);
                return null;
            }

            if (number.Digits != digits)
            {
                Error(FindingCode.NationalNumberInvalid, Path, "the national number is written as its 11 digits only.");
                return null;
            }

            if (dateOfBirth is { } born && IsiPlusCard.NationalNumberProblem(number, born) is { } disagreement)
            {
                Error(FindingCode.NationalNumberInvalid, Path, disagreement);
                return null;
            }

            return number;
        }

        private JsonElement? Member(JsonElement claims, string name)
        {
            var present = claims.TryGetProperty(name, out var member);
            if (present && member.ValueKind == JsonValueKind.Object)
            {
                return member;
            }

            Error(FindingCode.SchemaViolation, "/" + name, present ? $"{name} is not an object." : $"{name} is missing.");
            return null;
        }
    }
}
