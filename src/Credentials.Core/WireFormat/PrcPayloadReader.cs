using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Credentials.Model;

namespace Credentials.WireFormat;

/// <summary>The outcome of reading a payload: the payload when no blocking finding was made, and every finding.</summary>
public sealed record PayloadReadResult(PrcPayload? Payload, IReadOnlyList<Finding> Findings)
{
    public bool Succeeded => Payload is not null;
}

/// <summary>
/// Reads an ePRC payload (EC ePRC spec §2) strictly: the members of the schema and no others
/// (<c>additionalProperties: false</c> at both levels), each once, each a string of the right form and length.
/// It reports every problem it finds rather than the first, so an issuer sees the whole list at once.
/// </summary>
public static partial class PrcPayloadReader
{
    private const string Prc = "/prc";
    private const string Ehic = "/ehic";
    private const string Isi = "/isi";

    /// <summary>A payload nests two levels deep; anything deeper is not one of ours (and bounds the work).</summary>
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 4 };

    [GeneratedRegex(@"^eessi:prc:\d+\.\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaIdPattern();

    // The members of spec §2, in the order the schema lists them.
    private static readonly MemberSet PrcMembers = new(Prc, ["ic", "fn", "gn", "dob", "hi", "in", "ii", "ci", "sd", "ed", "xd", "di"]);
    private static readonly MemberSet EhicMembers = new(Ehic, PrcMembers.Names);

    // Our provisional eEHIC profile (specs/ehic-token.md) has fields 2–9 of S2 and di, the PRC's members but sd
    // and ed: the card's validity is di..xd. ReadPrc refuses sd and ed there.
    // Our ISI+ profile (specs/isi-token.md) has the national number nn in the place of hi, no card number and no
    // sd/ed: the PRC's positions, so one reader serves the three.
    private static readonly MemberSet IsiMembers = new(Isi, ["ic", "fn", "gn", "dob", "nn", "in", "ii", "ci", "sd", "ed", "xd", "di"]);

    // Declared after the document member sets, which it nests (static fields initialise in textual order).
    private static readonly MemberSet TopMembers = new("", ["sid", "jti", "rid", "prc", "ehic", "isi"], [null, null, null, PrcMembers, EhicMembers, IsiMembers]);

    /// <summary>Where the document members start in <see cref="TopMembers"/>, and the schema each one names, in order.</summary>
    private const int FirstDocumentMember = 3;
    private static readonly string[] DocumentSchemaIds = [PrcPayload.CurrentSchemaId, PrcPayload.EhicSchemaId, PrcPayload.IsiPlusSchemaId];

    /// <summary>
    /// Reads a payload (or an issuance request) from UTF-8 JSON in one pass of a <see cref="Utf8JsonReader"/>: no
    /// document is built, and member names are matched as bytes. Each value is kept with its JSON kind, so a
    /// wrong type is reported as such; the rules then run over the values as before.
    /// </summary>
    public static PayloadReadResult Read(ReadOnlyMemory<byte> utf8Json, PayloadReadMode mode = PayloadReadMode.Token, DateOnly? defaultIssueDate = null)
    {
        var code = mode == PayloadReadMode.Request ? FindingCode.RequestNotJson : FindingCode.PayloadNotJson;
        var subject = mode == PayloadReadMode.Request ? "the request" : "the JWS payload";
        var utf8 = utf8Json.Span;

        // RFC 8259 §8.1: JSON text is UTF-8. The reader checks string contents only when they are read.
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return Failed(Finding.Error(code, $"{subject} is not valid UTF-8."));
        }

        var findings = new List<Finding>();
        JsonValue?[]? top;
        try
        {
            var reader = new Utf8JsonReader(utf8, ReaderOptions);
            if (!reader.Read())
            {
                return Failed(Finding.Error(code, $"{subject} is not valid JSON: it holds no value."));
            }

            var isObject = reader.TokenType == JsonTokenType.StartObject;
            top = ReadRoot(ref reader, findings);

            // Nothing may follow the root value; the reader throws on anything but white space.
            reader.Read();
            if (!isObject && mode == PayloadReadMode.Token)
            {
                // RFC 7519 §7.2: a JWT's claims are a JSON object; anything else is not a payload at all.
                return Failed(Finding.Error(code, $"{subject} is not a JSON object."));
            }
        }
        catch (JsonException e)
        {
            return Failed(Finding.Error(code, $"{subject} is not valid JSON: {JsonErrorText(e)}."));
        }

        if (top is null)
        {
            return new PayloadReadResult(null, findings);
        }

        var tokenId = top[1] is { } jti ? ReadString(jti, "/jti", findings, maxLength: null) : null;
        var revocationList = top[2] is { } rid ? ReadUri(rid, findings) : null;

        // The document member names the kind (prc, or our ehic or isi); the sid must agree with it. Without exactly
        // one document member, the PRC's rules report what is wrong.
        var documentCount = 0;
        var document = FirstDocumentMember;
        for (var i = FirstDocumentMember; i < top.Length; i++)
        {
            if (top[i] is not null)
            {
                documentCount++;
                document = i;
            }
        }

        document = documentCount == 1 ? document : FirstDocumentMember;

        var (members, documentElement, expectedSid) = (TopMembers.Nested[document]!, top[document], DocumentSchemaIds[document - FirstDocumentMember]);
        var path = members.Path;
        var schemaId = ReadSchemaId(top[0], mode, expectedSid, findings);
        ProvisionalReplacementCertificate? prc = null;
        if (documentCount > 1)
        {
            var present = Enumerable.Range(FirstDocumentMember, top.Length - FirstDocumentMember).Where(i => top[i] is not null).ToList();
            findings.Add(Finding.Error(FindingCode.SchemaViolation, $"the payload holds {string.Join(" and ", present.Select(i => $"'{TopMembers.Names[i]}'"))}; a token carries one document.", TopMembers.Paths[present[1]]));
        }
        else if (documentElement is null)
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, "the member 'prc' is required.", "/prc"));
        }
        else if (schemaId is not null && schemaId != expectedSid && (schemaId == PrcPayload.EhicSchemaId || schemaId == PrcPayload.IsiPlusSchemaId || path != Prc))
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, $"the schema '{schemaId}' does not describe a '{path[1..]}' member.", path));
        }
        else
        {
            prc = ReadPrc(documentElement.Value, members, mode, defaultIssueDate, findings);
        }

        if (BlockingCount(findings) > 0 || prc is null || schemaId is null)
        {
            return new PayloadReadResult(null, findings);
        }

        var payload = new PrcPayload { SchemaId = schemaId, TokenId = tokenId, RevocationListUri = revocationList, Prc = prc };
        return new PayloadReadResult(payload, findings);
    }

    private static ProvisionalReplacementCertificate? ReadPrc(JsonValue document, MemberSet set, PayloadReadMode mode, DateOnly? defaultIssueDate, List<Finding> findings)
    {
        var path = set.Path;
        var isEhic = path == Ehic;
        var isIsi = path == Isi;
        if (document.Members is not { } members)
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, $"expected a JSON object, found {Describe(document.Kind)}.", path));
            return null;
        }

        // The document's own member problems (unknown, duplicate) were met while reading; they are told here.
        findings.AddRange(document.MemberFindings!);

        // Members of the PRC that a card does not have: its validity is di..xd, and an ISI+ has no card number.
        for (var index = 7; index <= 9; index++)
        {
            if ((isIsi || (isEhic && index != 7)) && members[index] is not null)
            {
                findings.Add(Finding.Error(FindingCode.SchemaViolation, $"the member '{set.Names[index]}' is not allowed here (additionalProperties: false).", set.Paths[index]));
            }
        }

        // The member paths are built once per profile (MemberSet), not per document: this runs for every token.
        var paths = set.Paths;
        var errorsBefore = BlockingCount(findings);
        var country = ReadCountry(Required(members, 0, set, findings), paths[0], findings);
        var familyName = ReadText(Required(members, 1, set, findings), paths[1], ProvisionalReplacementCertificate.FamilyNameMaxLength, mode, findings);
        var givenNames = ReadText(Required(members, 2, set, findings), paths[2], ProvisionalReplacementCertificate.GivenNamesMaxLength, mode, findings);
        var dateOfBirth = ReadDateOfBirth(Required(members, 3, set, findings), paths[3], findings);
        var personalId = ReadText(Required(members, 4, set, findings), paths[4], ProvisionalReplacementCertificate.PersonalIdMaxLength, mode, findings);
        var institutionName = ReadText(Required(members, 5, set, findings), paths[5], ProvisionalReplacementCertificate.InstitutionNameMaxLength, mode, findings);
        var localId = ReadLocalId(Required(members, 6, set, findings), paths[6], findings);
        var cardElement = isEhic ? Required(members, 7, set, findings) : isIsi ? null : members[7];
        var cardNumber = cardElement is { } ci ? ReadText(ci, paths[7], ProvisionalReplacementCertificate.CardNumberMaxLength, mode, findings) : null;
        var issued = members[11] is { } di
            ? ReadDate(di, paths[11], findings)
            : mode == PayloadReadMode.Request && defaultIssueDate is not null ? defaultIssueDate : MissingIssueDate(path, findings);

        // An ISI+ request may leave its validity to the rule (IsiPlusValidity); a token always states it.
        var expiryElement = isEhic || (isIsi && mode == PayloadReadMode.Token) ? Required(members, 10, set, findings) : members[10];
        var expiry = expiryElement is { } xd ? ReadDate(xd, paths[10], findings)
            : isIsi && issued is { } issuedOn && dateOfBirth is { } born ? IsiPlusValidity.Until(issuedOn, born) : null;
        if (isIsi)
        {
            CheckIsiPlus(path, country, personalId, dateOfBirth, issued, expiry, findings);
        }

        // A card's validity is its issue date to its expiry date: read into the same entitlement period.
        var isCard = isEhic || isIsi;
        var start = isCard ? issued : ReadDate(Required(members, 8, set, findings), paths[8], findings);
        var end = isCard ? expiry : ReadDate(Required(members, 9, set, findings), paths[9], findings);

        if (BlockingCount(findings) > errorsBefore || country is null || localId is null)
        {
            if (mode == PayloadReadMode.Request)
            {
                // The document cannot be built, but the date rules over the dates that did parse can still be told.
                PrcBusinessRules.AddDateRules(findings, dateOfBirth, start, end, issued, expiry);
            }

            return null;
        }

        return new ProvisionalReplacementCertificate
        {
            IssuingCountry = country.Value,
            FamilyName = familyName!,
            GivenNames = givenNames!,
            DateOfBirth = dateOfBirth!.Value,
            PersonalIdentificationNumber = personalId!,
            InstitutionName = institutionName!,
            Institution = InstitutionId.Create(country.Value, localId),
            CardNumber = cardNumber,
            EntitlementStart = start!.Value,
            EntitlementEnd = end!.Value,
            CardExpiry = expiry,
            IssuedOn = issued!.Value,
        };
    }

    /// <summary>
    /// An ISI+ is Belgian, names its holder by a valid national or BIS number whose date of birth agrees with
    /// <c>dob</c>, and is never valid past 31 December of the tenth year after its issue (specs/isi-token.md).
    /// </summary>
    private static void CheckIsiPlus(string path, IssuingCountry? country, string? nationalNumber, PartialDate? dateOfBirth, DateOnly? issued, DateOnly? expiry, List<Finding> findings)
    {
        if (country is { } issuing && issuing.Code != "BE")
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, "an ISI+ card is Belgian: ic must be BE.", $"{path}/ic"));
        }

        if (nationalNumber is not null)
        {
            if (!BelgianNationalNumber.TryParse(nationalNumber, out var number, out var problem))
            {
                findings.Add(Finding.Error(FindingCode.NationalNumberInvalid, problem, $"{path}/nn"));
            }
            else if (nationalNumber != number.Digits)
            {
                findings.Add(Finding.Error(FindingCode.NationalNumberInvalid, "the national number is written as its 11 digits, without dots or dashes.", $"{path}/nn"));
            }
            else if (dateOfBirth is { } born && (born.Year != number.BirthYear || (number.BirthMonth > 0 && born.Month != number.BirthMonth) || (number.BirthDay > 0 && born.Day != number.BirthDay)))
            {
                findings.Add(Finding.Error(FindingCode.NationalNumberInvalid, "the date of birth does not agree with the one the national number encodes.", $"{path}/dob"));
            }
        }

        if (issued is { } from && expiry is { } until && until > IsiPlusValidity.Longest(from))
        {
            findings.Add(Finding.Error(FindingCode.ValidityTooLong, $"an ISI+ card issued on {from:yyyy-MM-dd} is valid at most until {IsiPlusValidity.Longest(from):yyyy-MM-dd}.", $"{path}/xd"));
        }
    }

    private static DateOnly? MissingIssueDate(string path, List<Finding> findings)
    {
        findings.Add(Finding.Error(FindingCode.SchemaViolation, "the member 'di' is required.", $"{path}/di"));
        return null;
    }

    /// <summary>The root value: an object of the top-level members, or null (with a finding) when it is not an object.</summary>
    private static JsonValue?[]? ReadRoot(ref Utf8JsonReader reader, List<Finding> findings)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return ReadObject(ref reader, TopMembers, findings);
        }

        var kind = KindOf(reader.TokenType);
        reader.Skip();
        findings.Add(Finding.Error(FindingCode.SchemaViolation, $"expected a JSON object, found {Describe(kind)}.", "/"));
        return null;
    }

    /// <summary>
    /// Collects the allowed members of the object the reader is at, rejecting duplicates and any other member;
    /// leaves the reader on the object's end.
    /// </summary>
    private static JsonValue?[] ReadObject(ref Utf8JsonReader reader, MemberSet allowed, List<Finding> findings)
    {
        var path = allowed.Path;
        var values = new JsonValue?[allowed.Names.Length];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = allowed.IndexOf(ref reader);
            var name = index < 0 || values[index] is not null ? reader.GetString()! : null;
            reader.Read();
            var value = ReadValue(ref reader, index < 0 ? null : allowed.Nested[index]);
            if (index < 0)
            {
                findings.Add(Finding.Error(FindingCode.SchemaViolation, $"the member '{Printable(name!)}' is not allowed here (additionalProperties: false).", $"{path}/{Printable(name!)}"));
            }
            else if (values[index] is not null)
            {
                // RFC 8259 §4 leaves duplicate names undefined; RFC 7515 §5.2 requires rejecting them.
                findings.Add(Finding.Error(FindingCode.DuplicateMember, $"the member '{name}' appears more than once.", $"{path}/{name}"));
            }
            else
            {
                values[index] = value;
            }
        }

        return values;
    }

    /// <summary>The value the reader is at: a string's text, a document object's members, or just the kind.</summary>
    private static JsonValue ReadValue(ref Utf8JsonReader reader, MemberSet? nested)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new JsonValue(JsonValueKind.String, reader.GetString());
            case JsonTokenType.StartObject when nested is not null:
                var memberFindings = new List<Finding>();
                return new JsonValue(JsonValueKind.Object, new DocumentObject(ReadObject(ref reader, nested, memberFindings), memberFindings));
            default:
                var kind = KindOf(reader.TokenType);
                reader.Skip();
                return new JsonValue(kind);
        }
    }

    private static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        JsonTokenType.Null => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    };

    private static JsonValue? Required(JsonValue?[] members, int index, MemberSet set, List<Finding> findings)
    {
        if (members[index] is null)
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, $"the member '{set.Names[index]}' is required.", set.Paths[index]));
        }

        return members[index];
    }

    private static string? ReadSchemaId(JsonValue? element, PayloadReadMode mode, string requestDefault, List<Finding> findings)
    {
        if (element is null)
        {
            if (mode == PayloadReadMode.Request)
            {
                return requestDefault;
            }

            findings.Add(Finding.Error(FindingCode.SchemaViolation, "the member 'sid' is required.", "/sid"));
            return null;
        }

        var sid = ReadString(element.Value, "/sid", findings, maxLength: 64);
        if (sid is null)
        {
            return null;
        }

        if (sid is PrcPayload.CurrentSchemaId or PrcPayload.EhicSchemaId or PrcPayload.IsiPlusSchemaId)
        {
            return sid;
        }

        if (!SchemaIdPattern().IsMatch(sid))
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, "the schema id does not match ^eessi:prc:\\d+\\.\\d+$.", "/sid"));
            return null;
        }

        if (sid != PrcPayload.CurrentSchemaId)
        {
            findings.Add(Finding.Error(FindingCode.UnknownSchemaId, $"the schema '{sid}' is not known to this verifier (known: {PrcPayload.CurrentSchemaId}).", "/sid"));
            return null;
        }

        return sid;
    }

    private static Uri? ReadUri(JsonValue element, List<Finding> findings)
    {
        var text = ReadString(element, "/rid", findings, maxLength: 2048);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, "the revocation list reference (rid) is not an absolute URI.", "/rid"));
            return null;
        }

        return uri;
    }

    private static IssuingCountry? ReadCountry(JsonValue? element, string path, List<Finding> findings)
    {
        if (element is null || ReadString(element.Value, path, findings, maxLength: 2) is not { } code)
        {
            return null;
        }

        if (!IssuingCountry.TryParse(code, out var country, out var wasAlias))
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, $"'{Printable(code)}' is not an issuing country of the schema's enum.", path));
            return null;
        }

        if (wasAlias)
        {
            findings.Add(Finding.Warning(FindingCode.CountryAlias, "the issuing country is written EL; the schema writes Greece as GR, and it is read as GR.", path));
        }

        return country;
    }

    private static string? ReadLocalId(JsonValue? element, string path, List<Finding> findings)
    {
        if (element is null || ReadString(element.Value, path, findings, maxLength: null) is not { } localId)
        {
            return null;
        }

        if (InstitutionId.DescribeLocalIdProblem(localId) is { } problem)
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, problem, path));
            return null;
        }

        return localId;
    }

    private static PartialDate? ReadDateOfBirth(JsonValue? element, string path, List<Finding> findings)
    {
        if (element is null || ReadString(element.Value, path, findings, maxLength: null) is not { } text)
        {
            return null;
        }

        if (!PartialDate.TryParse(text, out var date, out var error))
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, error, path));
            return null;
        }

        return date;
    }

    private static DateOnly? ReadDate(JsonValue? element, string path, List<Finding> findings)
    {
        if (element is null || ReadString(element.Value, path, findings, maxLength: null) is not { } text)
        {
            return null;
        }

        // JSON Schema "format": "date" is RFC 3339 full-date: yyyy-mm-dd exactly.
        if (!TryParseFullDate(text, out var date))
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, "a date must be a calendar date written yyyy-mm-dd.", path));
            return null;
        }

        return date;
    }

    private static string? ReadText(JsonValue? element, string path, int maxLength, PayloadReadMode mode, List<Finding> findings)
    {
        if (element is null || ReadString(element.Value, path, findings, maxLength) is not { } text)
        {
            return null;
        }

        if (text.Length == 0)
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, "the value is empty.", path));
            return null;
        }

        // The schema allows any string; an issuer should not sign text that cannot be printed on the form.
        if (mode == PayloadReadMode.Request && text.Any(char.IsControl))
        {
            findings.Add(Finding.Error(FindingCode.ControlCharacter, "the value holds a control character.", path));
            return null;
        }

        return text;
    }

    private static string? ReadString(JsonValue element, string path, List<Finding> findings, int? maxLength)
    {
        if (element.Kind != JsonValueKind.String)
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, $"expected a string, found {Describe(element.Kind)}.", path));
            return null;
        }

        var text = element.Text!;
        if (maxLength is { } max && CodePoints(text) > max)
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, $"the value is {CodePoints(text)} characters long, more than the {max} allowed.", path));
            return null;
        }

        return text;
    }

    /// <summary>RFC 3339 full-date, <c>yyyy-mm-dd</c>, a day of the calendar. Hand-written: it runs four times per document.</summary>
    internal static bool TryParseFullDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            return false;
        }

        var year = 0;
        var month = 0;
        var day = 0;
        for (var i = 0; i < 10; i++)
        {
            if (i is 4 or 7)
            {
                continue;
            }

            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            if (i < 4)
            {
                year = (year * 10) + digit;
            }
            else if (i < 7)
            {
                month = (month * 10) + digit;
            }
            else
            {
                day = (day * 10) + digit;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>JSON Schema's maxLength counts code points (RFC 8259 characters), not UTF-16 units.</summary>
    internal static int CodePoints(string text)
    {
        // Without surrogates (all of the Latin, Greek and Cyrillic scripts) a UTF-16 unit is a code point.
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return text.Length;
        }

        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static int BlockingCount(List<Finding> findings)
    {
        var count = 0;
        foreach (var finding in findings)
        {
            if (finding.IsBlocking)
            {
                count++;
            }
        }

        return count;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>A member name for a message: short and printable, since it comes from untrusted input.</summary>
    private static string Printable(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Take(32))
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return name.Length > 32 ? builder.Append('…').ToString() : builder.ToString();
    }

    /// <summary>The position of a JSON error, without echoing the input (it may hold personal data).</summary>
    internal static string JsonErrorText(JsonException e) =>
        e.LineNumber is { } line ? $"syntax error at line {line + 1}, byte {e.BytePositionInLine + 1}" : "syntax error";

    private static PayloadReadResult Failed(Finding finding) => new(null, [finding]);

    /// <summary>A member's value as the reader met it: its JSON kind, its text when a string, and its members (with
    /// the problems found among them) when it is a document object.</summary>
    private readonly record struct JsonValue(JsonValueKind Kind, object? Content = null)
    {
        public string? Text => Content as string;

        public JsonValue?[]? Members => (Content as DocumentObject)?.Members;

        public List<Finding>? MemberFindings => (Content as DocumentObject)?.Findings;
    }

    /// <summary>A document object's members and the problems found among them. Kept apart from
    /// <see cref="JsonValue"/> so that a value is two words: the reader copies many of them and few are objects.</summary>
    private sealed record DocumentObject(JsonValue?[] Members, List<Finding> Findings);

    /// <summary>The members an object may hold, with their JSON Pointer paths and UTF-8 names made once.</summary>
    private sealed class MemberSet
    {
        private readonly byte[][] utf8Names;

        public MemberSet(string path, string[] names, MemberSet?[]? nested = null)
        {
            Path = path;
            Names = names;
            Nested = nested ?? new MemberSet?[names.Length];
            Paths = [.. names.Select(name => $"{path}/{name}")];
            utf8Names = [.. names.Select(Encoding.UTF8.GetBytes)];
        }

        public string Path { get; }

        public string[] Names { get; }

        public string[] Paths { get; }

        /// <summary>For each member, the members of the object it holds when it is a document (prc, ehic, isi).</summary>
        public MemberSet?[] Nested { get; }

        /// <summary>The position in the set of the property name the reader is at, or -1: compared as UTF-8 bytes, so no
        /// name string is made.</summary>
        public int IndexOf(ref Utf8JsonReader reader)
        {
            if (reader.ValueIsEscaped)
            {
                // An escaped name (e.g. "\u0069c") means the same member as the plain one (RFC 8259 §7).
                return Array.IndexOf(Names, reader.GetString());
            }

            var raw = reader.ValueSpan;
            for (var i = 0; i < utf8Names.Length; i++)
            {
                if (raw.SequenceEqual(utf8Names[i]))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
