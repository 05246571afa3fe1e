using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Credentials.Wallet.Jose;

namespace Credentials.Wallet.SdJwt;

/// <summary>
/// The holder's side (RFC 9901 §7.2): an issued SD-JWT, checked to be consistent, with every claim known; a
/// presentation discloses the claims chosen by path together with every Disclosure that contains them (disclosing
/// a nested claim discloses its parents), and optionally a Key Binding JWT.
/// </summary>
public sealed class SdJwtHolder
{
    private readonly JsonObject claims;
    private readonly TimeProvider time;

    private SdJwtHolder(SdJwtToken issued, JsonObject claims, IReadOnlyList<DisclosedClaim> disclosures, TimeProvider time)
    {
        Issued = issued;
        this.claims = claims;
        Disclosures = disclosures;
        this.time = time;
    }

    /// <summary>The SD-JWT as issued.</summary>
    public SdJwtToken Issued { get; }

    /// <summary>Every Disclosure with the place of its claim in <see cref="Claims"/>.</summary>
    public IReadOnlyList<DisclosedClaim> Disclosures { get; }

    /// <summary>All claims with every Disclosure applied (a new copy each time).</summary>
    public JsonObject Claims => (JsonObject)claims.DeepClone();

    /// <summary>
    /// Reads an issued SD-JWT and checks its Disclosures as RFC 9901 §7.2 asks (each referenced once, well formed);
    /// the issuer signature is not checked here. <paramref name="time"/> dates Key Binding JWTs.
    /// </summary>
    public static bool TryOpen(string issued, TimeProvider? time, SdJwtLimits? limits, [NotNullWhen(true)] out SdJwtHolder? holder, [NotNullWhen(false)] out SdJwtFailure? failure)
    {
        limits ??= SdJwtLimits.Default;
        holder = null;
        if (!SdJwtToken.TryParse(issued, limits, out var sdJwt, out failure))
        {
            return false;
        }

        if (sdJwt.KeyBinding is not null)
        {
            failure = new(SdJwtError.KeyBindingUnexpected, "an issued SD-JWT has no Key Binding JWT: this is a presentation");
            return false;
        }

        try
        {
            var (processed, disclosures) = DisclosureProcessor.Process(DisclosureProcessor.ReadPayload(sdJwt, limits), sdJwt.Disclosures, limits);
            holder = new SdJwtHolder(sdJwt, JsonObject.Create(processed)!, disclosures, time ?? TimeProvider.System);
            return true;
        }
        catch (SdJwtException exception)
        {
            failure = exception.Failure;
            return false;
        }
    }

    /// <summary>A presentation without Key Binding that discloses the claims at <paramref name="disclose"/> (and their parents).</summary>
    public SdJwtToken Present(IEnumerable<ClaimPath> disclose) => Issued.With(Select(disclose), null, null);

    /// <summary>A presentation with a Key Binding JWT (RFC 9901 §4.3) over exactly the Disclosures chosen.</summary>
    public SdJwtToken Present(IEnumerable<ClaimPath> disclose, KeyBindingRequest keyBinding)
    {
        ArgumentNullException.ThrowIfNull(keyBinding);
        CheckHolderKey(keyBinding);
        var presentation = Issued.With(Select(disclose), null, null);

        // RFC 9901 §4.3.1: sd_hash over the issuer-signed JWT and the chosen Disclosures, each followed by '~'.
        var sdHash = KeyBindingJwt.ComputeSdHash(presentation.SdHashInput);
        var kbText = KeyBindingJwt.Create(keyBinding.HolderKey, sdHash, keyBinding.Audience, keyBinding.Nonce, time.GetUtcNow());
        Jws.TryParseCompact(kbText, null, out var kb, out _);
        return Issued.With(presentation.Disclosures, kb, kbText);
    }

    private List<Disclosure> Select(IEnumerable<ClaimPath> disclose)
    {
        ArgumentNullException.ThrowIfNull(disclose);
        var wanted = disclose.ToList();
        foreach (var path in wanted)
        {
            if (!Exists(path))
            {
                throw new ArgumentException($"the credential has no claim at {path}.", nameof(disclose));
            }
        }

        // RFC 9901 §7.2: a Disclosure is sent when its claim is chosen or contains a chosen claim, so every chosen
        // Disclosure's digest is in the issuer-signed JWT or in another Disclosure sent.
        return [.. Disclosures.Where(d => wanted.Exists(d.Path.IsPrefixOf)).Select(d => d.Disclosure)];
    }

    private bool Exists(ClaimPath path)
    {
        JsonNode? node = claims;
        foreach (var segment in path.Segments)
        {
            node = (segment.IsIndex, node) switch
            {
                (false, JsonObject obj) when obj.TryGetPropertyValue(segment.Name!, out var member) => member ?? JsonValue.Create(0),
                (true, JsonArray array) when segment.Index < array.Count => array[segment.Index] ?? JsonValue.Create(0),
                _ => null,
            };
            if (node is null)
            {
                return false;
            }
        }

        return true;
    }

    private void CheckHolderKey(KeyBindingRequest keyBinding)
    {
        // RFC 9901 §4.1.2: the KB-JWT is signed with the key the issuer bound; another key would never verify.
        var bound = claims[SdJwtNames.Confirmation]?[SdJwtNames.ConfirmationKey] as JsonObject
            ?? throw new InvalidOperationException("the credential has no holder key ('cnf.jwk') to bind a presentation to.");
        foreach (var (name, value) in PublicJwk.ToJson(keyBinding.HolderKey.PublicKey))
        {
            if (bound[name]?.GetValueKind() != System.Text.Json.JsonValueKind.String || bound[name]!.GetValue<string>() != value!.GetValue<string>())
            {
                throw new ArgumentException("the holder key is not the key in the credential's 'cnf.jwk'.", nameof(keyBinding));
            }
        }
    }
}
