using System.Reflection;
using System.Text.Json;
using Credentials.Labels;
using Credentials.Model;
using Credentials.Printing;
using Credentials.Verification;

namespace Credentials.Tests.Labels;

/// <summary>
/// The label data the reports are written from (src/Credentials.Core/Labels/*.json): every language has every key
/// with the same placeholders, every message the code builds exists in every language with exactly the arguments its
/// template names, and no key is left unused.
/// </summary>
public sealed class MessageCatalogTests
{
    public static TheoryData<string> Languages => [.. MessageCatalog.Languages];

    [Fact]
    public void The_four_languages_are_shipped_and_are_the_languages_of_the_printed_labels()
    {
        Assert.Equal(["de", "en", "fr", "nl"], MessageCatalog.Languages);
        Assert.Equal(DocumentLabels.Languages.Order(StringComparer.Ordinal), MessageCatalog.Languages);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_language_has_every_key_with_the_placeholders_of_the_English_template(string language)
    {
        var catalog = MessageCatalog.Get(language);
        var english = MessageCatalog.English;
        Assert.Empty(english.Keys.Except(catalog.Keys, StringComparer.Ordinal).Select(key => $"missing: {key}"));
        Assert.Empty(catalog.Keys.Except(english.Keys, StringComparer.Ordinal).Select(key => $"not in English: {key}"));
        foreach (var key in english.Keys)
        {
            Assert.True(english.Placeholders(key).SetEquals(catalog.Placeholders(key)), $"{language} {key}: {{{string.Join("}, {", catalog.Placeholders(key))}}} instead of {{{string.Join("}, {", english.Placeholders(key))}}}");
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void A_translation_is_not_left_in_English(string language)
    {
        if (language == MessageCatalog.DefaultLanguage)
        {
            return;
        }

        // Some templates read the same in several languages: units, technical names, a bracket, "Conclusion" in French.
        var sameInSomeLanguages = new HashSet<string>(StringComparer.Ordinal)
        {
            "verify.business.note", "wallet.step.status", "wallet.step.conclusion", "found.null", "key.ecP256", "key.rsa", "bytes.mib", "bytes.kib", "bytes.plain", "download.status", "step.conclusion",
        };
        var catalog = MessageCatalog.Get(language);
        var untranslated = MessageCatalog.English.Keys
            .Where(key => !sameInSomeLanguages.Contains(key) && catalog.Render(MessageText.Of(key)) == MessageCatalog.English.Render(MessageText.Of(key)))
            .ToList();
        Assert.True(untranslated.Count == 0, $"{language} repeats the English of: {string.Join(", ", untranslated)}");
    }

    [Fact]
    public void An_unknown_language_is_refused_naming_the_languages()
    {
        var refused = Assert.Throws<ArgumentException>(() => MessageCatalog.Get("xx"));
        Assert.StartsWith("no report messages in the language 'xx'; the languages are de, en, fr, nl.", refused.Message, StringComparison.Ordinal);
        Assert.False(MessageCatalog.TryGet("EN", out _));
        Assert.False(MessageCatalog.TryGet(null, out _));
    }

    [Theory]
    [InlineData("the {date}.", true)]
    [InlineData("{a} and {b2}", true)]
    [InlineData("no placeholder at all", true)]
    [InlineData("a {date", false)]
    [InlineData("a date}", false)]
    [InlineData("a {} b", false)]
    [InlineData("a {Date}", false)]
    [InlineData("a {da te}", false)]
    [InlineData("a {{date}}", false)]
    public void A_template_is_literal_text_and_placeholders_only(string template, bool wellFormed)
    {
        Assert.Equal(wellFormed, MessageTemplate.TryParse(template, out var problem) is not null);
        Assert.Equal(wellFormed, problem is null);
    }

    [Fact]
    public void Rendering_fills_literals_as_they_are_and_phrases_in_the_same_language()
    {
        var text = MessageText.Of("verify.conclusion.rejected", ("step", 7), ("title", MessageCatalog.StepTitleText(VerificationStep.TreatmentPeriod)),
            ("reason", MessageText.Of("verify.period.afterCardValidity", ("date", new DateOnly(2028, 7, 1)), ("end", new DateOnly(2028, 6, 30)))));
        Assert.Equal("rejected at step 7 (Treatment date within the entitlement): the treatment date 2028-07-01 is after the end of the card's validity (2028-06-30).", text.ToString());
        Assert.Equal("abgelehnt in Schritt 7 (Behandlungsdatum im Anspruchszeitraum): das Behandlungsdatum 2028-07-01 liegt nach dem Ende der Gültigkeit der Karte (2028-06-30).", text.Render("de"));
        Assert.Equal("afgewezen bij stap 7 (Datum van behandeling binnen het recht): de datum van behandeling 2028-07-01 ligt na het einde van de geldigheid van de kaart (2028-06-30).", text.Render("nl"));
        Assert.Equal("rejeté à l'étape 7 (Date des soins dans la période de droits) : la date des soins 2028-07-01 est postérieure à la fin de la validité de la carte (2028-06-30).", text.Render("fr"));
        Assert.Equal("a text from elsewhere", MessageText.Untranslated("a text from elsewhere").Render("de"));
        Assert.Equal(text, MessageText.Of("verify.conclusion.rejected", ("step", 7), ("title", MessageCatalog.StepTitleText(VerificationStep.TreatmentPeriod)),
            ("reason", MessageText.Of("verify.period.afterCardValidity", ("date", new DateOnly(2028, 7, 1)), ("end", new DateOnly(2028, 6, 30))))));
    }

    [Fact]
    public void Every_message_the_code_builds_is_in_every_language_with_exactly_its_template_s_arguments_and_no_key_is_unused()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var built = 0;
        foreach (var method in MessageConstructors())
        {
            foreach (var arguments in SampleArguments(method.GetParameters()))
            {
                MessageText text;
                try
                {
                    text = (MessageText)method.Invoke(null, arguments)!;
                }
                catch (TargetInvocationException e) when (e.InnerException is ArgumentOutOfRangeException)
                {
                    continue; // an enum value the constructor does not name (e.g. a date field for a text field's name)
                }

                built++;
                Check(text, $"{method.DeclaringType!.Name}.{method.Name}", used);
                foreach (var language in MessageCatalog.Languages)
                {
                    var rendered = text.Render(language);
                    Assert.False(rendered.Contains('{', StringComparison.Ordinal) || rendered.Contains('[', StringComparison.Ordinal), $"{method.Name} in {language}: {rendered}");
                }
            }
        }

        Assert.True(built > 150, $"only {built} messages built: are the message classes found?");
        used.UnionWith(Enum.GetValues<VerificationStep>().Select(s => MessageCatalog.StepTitleText(s).Key!));
        used.UnionWith(Enum.GetValues<StepResult>().Select(r => MessageCatalog.ResultText(r).Key!));
        used.UnionWith(FindingCodeNames.All.Select(row => row.MessageKey));
        Assert.Empty(MessageCatalog.English.Keys.Except(used, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(key => $"unused: {key}"));
    }

    private static void Check(MessageText text, string where, HashSet<string> used)
    {
        foreach (var part in text.Parts)
        {
            Check(part, where, used);
        }

        if (text.Key is not { } key)
        {
            return;
        }

        used.Add(key);
        foreach (var language in MessageCatalog.Languages)
        {
            Assert.True(MessageCatalog.Get(language).Contains(key), $"{where}: '{key}' is not in {language}.json");
        }

        var names = text.Arguments.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        Assert.True(names.SetEquals(MessageCatalog.English.Placeholders(key)), $"{where}: '{key}' is given {{{string.Join("}, {", names)}}}; its template names {{{string.Join("}, {", MessageCatalog.English.Placeholders(key))}}}");
        foreach (var phrase in text.Arguments.Where(a => a.Text is not null))
        {
            Check(phrase.Text!, where, used);
        }
    }

    /// <summary>The small static classes of message constructors, one per area (…Messages), in the core, the issuer and the wallet library.</summary>
    private static IEnumerable<MethodInfo> MessageConstructors() =>
        new[] { typeof(MessageCatalog).Assembly, typeof(Credentials.Issuance.QrTokenIssuer).Assembly, typeof(Credentials.Wallet.SdJwtVc.WalletMessages).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type is { IsAbstract: true, IsSealed: true } && type.Name.EndsWith("Messages", StringComparison.Ordinal))
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(method => method.ReturnType == typeof(MessageText) && !method.IsSpecialName && !method.Name.Contains('<', StringComparison.Ordinal));

    /// <summary>Every combination of sample values for the parameters: both branches of a choice, every value of an enum.</summary>
    private static IEnumerable<object?[]> SampleArguments(ParameterInfo[] parameters)
    {
        IEnumerable<object?[]> combinations = [[]];
        foreach (var parameter in parameters)
        {
            var values = Samples(parameter).ToList();
            combinations = combinations.SelectMany(prefix => values.Select(value => (object?[])[.. prefix, value])).ToList();
        }

        return combinations;
    }

    private static IEnumerable<object?> Samples(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        var nullable = new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.Nullable;
        if (type.IsEnum)
        {
            return Enum.GetValues(type).Cast<object?>();
        }

        IEnumerable<object?> samples = type switch
        {
            _ when type == typeof(string) => ["x"],
            _ when type == typeof(int) => [7],
            _ when type == typeof(long) => [7L, 2048L, 5L * 1024 * 1024],
            _ when type == typeof(double) => [24.0],
            _ when type == typeof(bool) => [true, false],
            _ when type == typeof(DateOnly) => [new DateOnly(2026, 6, 15)],
            _ when type == typeof(DateTimeOffset) => [new DateTimeOffset(2026, 6, 15, 10, 0, 0, TimeSpan.Zero)],
            _ when type == typeof(DateTimeOffset?) => [new DateTimeOffset(2026, 6, 15, 10, 0, 0, TimeSpan.Zero)],
            _ when type == typeof(TimeSpan) => [TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(20), TimeSpan.FromHours(30), TimeSpan.FromDays(10)],
            _ when type == typeof(MessageText) => [MessageText.Of("code.revoked")],
            _ when type == typeof(InstitutionId) => [InstitutionId.Parse("BE:0120")],
            _ when type == typeof(IEnumerable<InstitutionId>) => [new[] { InstitutionId.Parse("BE:0120"), InstitutionId.Parse("BE:0130") }],
            _ when type == typeof(IEnumerable<MessageText>) => [new[] { MessageText.Of("header.noKid"), MessageText.Of("header.typ") }],
            _ when type == typeof(IReadOnlyList<string>) => [new[] { "prc", "ehic" }, new[] { "prc", "ehic", "isi" }],
            _ when type == typeof(JsonException) => [new JsonException("x", "$", 2, 13), new JsonException("x")],
            _ when type == typeof(IssuerSummary) => [new IssuerSummary("BE", "0120", "CM", "EESSI:x5t#S256:abc")],
            _ when type == typeof(VerificationReport) => [Report(Conclusion.Approved), Report(Conclusion.Rejected)],
            _ => throw new InvalidOperationException($"no sample value of {type} for a message constructor's parameter '{parameter.Name}': add one here."),
        };
        return nullable ? samples.Append(null) : samples;
    }

    private static VerificationReport Report(Conclusion conclusion) => new()
    {
        Conclusion = conclusion,
        Steps = [],
        VerifiedAt = new DateTimeOffset(2026, 6, 15, 10, 0, 0, TimeSpan.Zero),
        QrText = string.Empty,
        TreatmentDate = conclusion == Conclusion.Approved ? new DateOnly(2026, 6, 15) : null,
    };
}
