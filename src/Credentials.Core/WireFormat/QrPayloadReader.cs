using System.Text.Json;
using System.Text.RegularExpressions;
using Credentials.Documents;
using Credentials.Model;
using Credentials.WireFormat.QrPayload;

namespace Credentials.WireFormat;

/// <summary>
/// Reads a QR token's payload (EC ePRC spec §2), or an issuance request in the same shape, strictly: System.Text.Json
/// (source-generated) reads the members, and the documents' field rules check them — the schema's members and no
/// others (<c>additionalProperties: false</c> at both levels), each once, each of the right form. Every problem is
/// reported, not only the first, each with its code and member path.
/// </summary>
public static partial class QrPayloadReader
{
    /// <summary>A payload nests two levels deep; anything deeper is not one of ours (and bounds the work).</summary>
    private const int MaxDepth = 4;

    [GeneratedRegex(@"^eessi:prc:\d+\.\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex EessiSchemaIdPattern();

    /// <summary>Reads a payload from UTF-8 JSON; in <see cref="PayloadReadMode.Request"/> mode <c>sid</c> and <c>di</c> (and an ISI+ card's <c>xd</c>) may be left out.</summary>
    public static PayloadReadResult Read(ReadOnlyMemory<byte> utf8Json, PayloadReadMode mode = PayloadReadMode.Token, DateOnly? defaultIssueDate = null)
    {
        var notJson = mode == PayloadReadMode.Request ? FindingCode.RequestNotJson : FindingCode.PayloadNotJson;
        var subject = mode == PayloadReadMode.Request ? DecodeMessages.Request() : DecodeMessages.Subject(JwsPart.Payload);
        if (JsonObjectCheck.Problem(utf8Json.Span, MaxDepth) is { } problem)
        {
            // RFC 7519 §7.2: a JWT's claims are a JSON object. A request that is JSON but no object is a schema problem.
            return problem.IsJson && mode == PayloadReadMode.Request
                ? Failed(Finding.Error(FindingCode.SchemaViolation, PayloadMessages.ExpectedObject(problem.Found!), "/"))
                : Failed(Finding.Error(notJson, problem.Describe(subject)));
        }

        PayloadMembers members;
        try
        {
            members = JsonSerializer.Deserialize(utf8Json.Span, PayloadJsonContext.Default.PayloadMembers)!;
        }
        catch (JsonException e)
        {
            // The values of known members are read whatever their type; only a document member that is not an object
            // fails to bind.
            var pointer = JsonErrors.ToJsonPointer(e.Path);
            return Failed(Finding.Error(FindingCode.SchemaViolation, PayloadMessages.ExpectedObject(FoundAt(utf8Json, pointer)), pointer));
        }

        var findings = new List<Finding>();
        var reader = new MemberReader(findings, mode);
        reader.CheckMembers(members, string.Empty);
        var tokenId = ReadTokenId(members.TokenId, reader);
        var revocationList = ReadRevocationList(members.RevocationList, reader);

        var present = new List<string>(1);
        if (members.Prc is not null)
        {
            present.Add("prc");
        }

        if (members.Ehic is not null)
        {
            present.Add("ehic");
        }

        if (members.Isi is not null)
        {
            present.Add("isi");
        }

        DocumentProfile profile = members.Ehic is not null && present.Count == 1 ? EhicProfile.Instance
            : members.Isi is not null && present.Count == 1 ? IsiProfile.Instance
            : PrcProfile.Instance;
        var schemaId = ReadSchemaId(members.SchemaId, reader, profile.SchemaId);
        HealthInsuranceDocument? document = null;
        if (present.Count > 1)
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, PayloadMessages.SeveralDocuments(present), "/" + present[1]));
        }
        else if (present.Count == 0)
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, PayloadMessages.Required("prc"), "/prc"));
        }
        else if (schemaId is not null && schemaId != profile.SchemaId)
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, PayloadMessages.SchemaMismatch(schemaId, profile.Member), profile.Path));
        }
        else
        {
            document = profile switch
            {
                EhicProfile ehic => ehic.Read(members.Ehic!, reader, defaultIssueDate),
                IsiProfile isi => isi.Read(members.Isi!, reader, defaultIssueDate),
                _ => PrcProfile.Instance.Read(members.Prc!, reader, defaultIssueDate),
            };
        }

        if (findings.Any(f => f.IsBlocking) || document is null || schemaId is null)
        {
            return new PayloadReadResult(null, findings);
        }

        return new PayloadReadResult(new QrTokenPayload(document, tokenId, revocationList), findings);
    }

    private static string? ReadSchemaId(JsonLeaf leaf, MemberReader reader, string requestDefault)
    {
        if (!leaf.IsPresent && reader.Mode == PayloadReadMode.Request)
        {
            return requestDefault;
        }

        if (!reader.Required(leaf, "/sid") || reader.String(leaf, "/sid", maxLength: 64) is not { } sid)
        {
            return null;
        }

        if (sid is QrTokenPayload.PrcSchemaId or QrTokenPayload.EhicSchemaId or QrTokenPayload.IsiPlusSchemaId)
        {
            return sid;
        }

        // Spec §5 step 3: resolve the schema the sid names; an EESSI schema of another version is not known here.
        reader.Findings.Add(EessiSchemaIdPattern().IsMatch(sid)
            ? Finding.Error(FindingCode.UnknownSchemaId, PayloadMessages.UnknownSchema(sid, QrTokenPayload.PrcSchemaId), "/sid")
            : Finding.Error(FindingCode.SchemaViolation, PayloadMessages.SchemaIdPattern(), "/sid"));
        return null;
    }

    private static string? ReadTokenId(JsonLeaf leaf, MemberReader reader)
    {
        if (!leaf.IsPresent || reader.String(leaf, "/jti") is not { } jti)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(jti))
        {
            reader.Findings.Add(Finding.Error(FindingCode.SchemaViolation, PayloadMessages.TokenIdBlank(), "/jti"));
            return null;
        }

        return jti;
    }

    private static Uri? ReadRevocationList(JsonLeaf leaf, MemberReader reader)
    {
        if (!leaf.IsPresent || reader.String(leaf, "/rid", QrTokenPayload.MaxRevocationListLength) is not { } text)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            reader.Findings.Add(Finding.Error(FindingCode.SchemaViolation, PayloadMessages.RevocationListNotUri(), "/rid"));
            return null;
        }

        return uri;
    }

    private static PayloadReadResult Failed(Finding finding) => new(null, [finding]);

    /// <summary>What kind of value a top-level member holds (for a message; only on this error path is a document built).</summary>
    private static Labels.MessageText FoundAt(ReadOnlyMemory<byte> utf8Json, string pointer)
    {
        using var document = JsonDocument.Parse(utf8Json);
        var name = pointer.TrimStart('/');
        return document.RootElement.TryGetProperty(name, out var value) ? DecodeMessages.Found(value.ValueKind) : DecodeMessages.FoundOther();
    }
}
