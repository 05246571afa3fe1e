using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Host.Accounts;
using Credentials.Host.Issuing.Pages;
using Credentials.Host.Pages;
using Credentials.Host.TrustData;
using Credentials.Labels;
using Credentials.Wallet.StatusLists;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Credentials.Host.Issuing;

/// <summary>
/// The insurer's pages, server-rendered, no script, for signed-in users with the <see cref="InstitutionClaims.IssuerPolicy"/>
/// policy: <c>/issue</c> (the form for the three kinds, each problem beside its field, then the PDF and the wallet
/// offer), <c>/documents</c> (search by document number within the user's institutions; revoke, suspend,
/// reinstate) and <c>/lists</c> (the keys, the registry and the lists served). Every form carries an antiforgery
/// token, checked before anything else is read; searches and changes are posted, so no number is ever in a URL.
/// </summary>
internal static class IssuingPages
{
    public static IReadOnlyList<IEndpointConventionBuilder> Map(IEndpointRouteBuilder app)
    {
        var pages = new List<IEndpointConventionBuilder>
        {
            app.MapGet("/issue", (HttpContext context, PageContext pages, string? lang, string? kind) => Issue(pages.IssueForm(context, lang, kind))),
            app.MapPost("/issue", IssueAsync).DisableAntiforgery(),
            app.MapGet("/documents", (HttpContext context, PageContext pages, string? lang) => Documents(pages.DocumentsForm(context, lang))),
            app.MapPost("/documents", SearchAsync).DisableAntiforgery(),
            app.MapPost("/documents/change", ChangeAsync).DisableAntiforgery(),
            app.MapGet("/lists", (HttpContext context, PageContext pages, string? lang) => new RazorComponentResult<ListsPage>(new { Model = pages.Lists(context, lang) })),
        };
        foreach (var page in pages)
        {
            page.RequireAuthorization(InstitutionClaims.IssuerPolicy).ExcludeFromDescription();
        }

        return pages;
    }

    private static RazorComponentResult<IssuePage> Issue(IssuePageModel model, int status = StatusCodes.Status200OK) => new(new { Model = model }) { StatusCode = status };

    private static RazorComponentResult<DocumentsPage> Documents(DocumentsPageModel model, int status = StatusCodes.Status200OK) => new(new { Model = model }) { StatusCode = status };

    private static async Task<IResult> IssueAsync(HttpContext context, PageContext pages, DocumentIssuing issuing, IssuingAddresses addresses)
    {
        if (!await pages.ValidFormAsync(context).ConfigureAwait(false))
        {
            var refused = pages.IssueForm(context, null, null);
            return Issue(refused with { Problems = [new FieldProblem(null, refused.Labels["badForm"])] }, StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var model = pages.IssueForm(context, form["lang"], form["kind"]);
        var fields = IssueField.For(model.Kind);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in fields.Select(f => f.Name).Append(IssueField.Institution))
        {
            if (form[name].ToString().Trim() is { Length: > 0 } value)
            {
                values[name] = value;
            }
        }

        var outcome = issuing.Issue(RequestJson(model.Kind, values), context.User, addresses.BaseFor(context));
        if (outcome.Succeeded)
        {
            return Issue(model with { IssuedId = outcome.Document!.Id }, outcome.Status);
        }

        var catalog = MessageCatalog.Get(model.Labels.Code);
        var known = fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var problems = outcome.Problems.Count > 0
            ? outcome.Problems.Select(p => new FieldProblem(FieldOf(p.Field, known), catalog.Render(p.Text))).ToList()
            : [new FieldProblem(outcome.Status == StatusCodes.Status403Forbidden ? IssueField.Institution : null, outcome.Detail)];
        return Issue(model with { Values = values, Problems = problems }, outcome.Status);
    }

    private static async Task<IResult> SearchAsync(HttpContext context, PageContext pages, IssuingStore store)
    {
        if (!await pages.ValidFormAsync(context).ConfigureAwait(false))
        {
            var refused = pages.DocumentsForm(context, null);
            return Documents(refused with { Problem = refused.Labels["badForm"] }, StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var model = pages.DocumentsForm(context, form["lang"]);
        var number = form["number"].ToString().Trim();
        return Documents(model with { Number = number, Found = Find(store, context.User, number) });
    }

    private static async Task<IResult> ChangeAsync(HttpContext context, PageContext pages, IssuingStore store, DocumentStatusChanges changes)
    {
        if (!await pages.ValidFormAsync(context).ConfigureAwait(false))
        {
            var refused = pages.DocumentsForm(context, null);
            return Documents(refused with { Problem = refused.Labels["badForm"] }, StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var model = pages.DocumentsForm(context, form["lang"]);
        var number = form["number"].ToString().Trim();
        StatusAction? action = form["action"].ToString() switch
        {
            "revoke" => StatusAction.Revoke,
            "suspend" => StatusAction.Suspend,
            "reinstate" => StatusAction.Reinstate,
            _ => null,
        };
        if (action is null)
        {
            return Documents(model with { Number = number, Found = Find(store, context.User, number), Problem = model.Labels["badForm"] }, StatusCodes.Status400BadRequest);
        }

        var outcome = changes.Change(form["id"].ToString(), action.Value, context.User);
        var state = outcome.Document?.State.ToString();
        return Documents(
            model with
            {
                Number = number,
                Found = Find(store, context.User, number),
                Message = state is null ? null : model.Labels.Format("changed", model.Labels["state" + state]),
                Problem = outcome.Succeeded ? null : outcome.Detail,
            },
            outcome.Succeeded ? StatusCodes.Status200OK : outcome.Status);
    }

    private static List<DocumentRow>? Find(IssuingStore store, ClaimsPrincipal user, string number) =>
        number.Length is 0 or > 100 ? null : [.. store.Search(InstitutionClaims.Of(user), number).Select(d => new DocumentRow(d.Id, d.DocumentNumber, d.Institution.ToString(), d.Kind, d.IssuedAt, d.State.ToString().ToLowerInvariant()))];

    /// <summary>The form's values as a request in the CLI's shape: <c>{ "prc": { "ic": …, "ii": …, "fn": … } }</c>; empty fields are left out.</summary>
    private static byte[] RequestJson(string kind, Dictionary<string, string> values)
    {
        var document = new JsonObject();
        if (values.TryGetValue(IssueField.Institution, out var institution) && institution.Split(':') is [var country, var local])
        {
            document["ic"] = country;
            document["ii"] = local;
        }

        foreach (var (name, value) in values.Where(v => v.Key != IssueField.Institution))
        {
            document[name] = value;
        }

        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject { [kind] = document });
    }

    /// <summary>The form field a problem's JSON pointer (<c>/prc/fn</c>) is about; <c>ic</c> and <c>ii</c> are the institution's; null for one the form has not.</summary>
    private static string? FieldOf(string? pointer, HashSet<string> known)
    {
        var member = pointer?.Split('/', StringSplitOptions.RemoveEmptyEntries) is [_, var segment, ..] ? segment : null;
        return member switch
        {
            "ic" or "ii" => IssueField.Institution,
            { } name when known.Contains(name) => name,
            _ => null,
        };
    }

    /// <summary>What the pages share, from the container.</summary>
    internal sealed class PageContext(IAntiforgery antiforgery, InstitutionSigners signers, IssuingStore store, RevocationPublisher revocation, IssuingAddresses addresses, TrustView trust, IStatusListStore statusLists, TimeProvider time)
    {
        public IssuePageModel IssueForm(HttpContext context, string? lang, string? kind) => new()
        {
            Labels = Labels(context, lang),
            Antiforgery = Token(context),
            Kind = IssueField.Kinds.Contains(kind ?? string.Empty) ? kind! : "prc",
            Institutions = InstitutionClaims.Of(context.User),
            TestIssuer = signers.IsTestIssuer,
        };

        public DocumentsPageModel DocumentsForm(HttpContext context, string? lang) => new() { Labels = Labels(context, lang), Antiforgery = Token(context) };

        public ListsPageModel Lists(HttpContext context, string? lang)
        {
            var now = time.GetUtcNow();
            var publicBase = addresses.BaseFor(context);
            return new ListsPageModel
            {
                Labels = Labels(context, lang),
                TestIssuer = signers.IsTestIssuer,
                Keys = [.. signers.Institutions.SelectMany(i => signers.KeysOf(i).Select(k => (i.ToString(), k.Signer.Certificate.Subject, k.From == DateTimeOffset.MinValue ? "–" : k.From.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture), ReferenceEquals(signers.CurrentKey(i), k))))],
                RegistryIssuers = trust.Served.Registry.Issuers.Count,
                RevocationLists = [.. signers.Institutions.Select(i => (i.ToString(), addresses.RevocationList(publicBase, i).AbsoluteUri, revocation.NextUpdate(i), store.Listed(i).Count))],
                StatusLists = [.. statusLists.Lists().Select(l => (l.Institution.ToString(), l.List.AbsoluteUri, l.Version, l.PublishedExpiresAt))],
            };
        }

        /// <summary>Whether the posted form carries a good antiforgery token.</summary>
        public async Task<bool> ValidFormAsync(HttpContext context)
        {
            try
            {
                return context.Request.HasFormContentType && await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                return false;
            }
        }

        private static IssuingLabels Labels(HttpContext context, string? lang) => IssuingLabels.Get(PageLanguage.Choose(context.Request, lang).Code);

        private AntiforgeryField Token(HttpContext context)
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return new AntiforgeryField(tokens.FormFieldName, tokens.RequestToken!);
        }
    }
}
