using Credentials.Labels;

namespace Credentials.WireFormat.QrPayload;

/// <summary>
/// The messages of the payload reader (step 3, and an issuance request's checks), as keys of the label data. They
/// name members, never quote values that could be personal data.
/// </summary>
internal static class PayloadMessages
{
    public static MessageText ExpectedObject(MessageText found) => MessageText.Of("payload.expectedObject", ("found", found));

    public static MessageText ExpectedString(MessageText found) => MessageText.Of("payload.expectedString", ("found", found));

    /// <summary>A payload holds two or three document members; a token carries one.</summary>
    public static MessageText SeveralDocuments(IReadOnlyList<string> members) => members.Count > 2
        ? MessageText.Of("payload.threeDocuments", ("first", members[0]), ("second", members[1]), ("third", members[2]))
        : MessageText.Of("payload.twoDocuments", ("first", members[0]), ("second", members[1]));

    public static MessageText Required(string member) => MessageText.Of("payload.required", ("name", member));

    public static MessageText NotAllowed(string member) => MessageText.Of("payload.notAllowed", ("name", member));

    public static MessageText Duplicate(string member) => MessageText.Of("payload.duplicate", ("name", member));

    public static MessageText SchemaMismatch(string schema, string member) => MessageText.Of("payload.schemaMismatch", ("schema", schema), ("member", member));

    public static MessageText UnknownSchema(string schema, string known) => MessageText.Of("payload.unknownSchema", ("schema", schema), ("known", known));

    public static MessageText SchemaIdPattern() => MessageText.Of("payload.schemaIdPattern");

    public static MessageText TokenIdBlank() => MessageText.Of("payload.jtiBlank");

    public static MessageText RevocationListNotUri() => MessageText.Of("payload.ridNotUri");

    public static MessageText NotCountry(string code) => MessageText.Of("payload.notCountry", ("code", code));

    public static MessageText CountryAlias() => MessageText.Of("payload.countryAlias");

    public static MessageText Date() => MessageText.Of("payload.date");

    public static MessageText NationalNumberDigits() => MessageText.Of("payload.nationalNumberDigits");

    public static MessageText TooLong(int length, int max) => MessageText.Of("value.tooLong", ("length", length), ("max", max));
}
