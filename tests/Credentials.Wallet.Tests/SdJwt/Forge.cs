using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Credentials.Signing;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwt;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Wallet.Tests.SdJwt;

/// <summary>
/// Builds SD-JWTs by hand, past the issuer's own checks, with the published test keys: for the negative tests,
/// where the issuer (or an attacker holding its key) writes what our issuer never would.
/// </summary>
internal sealed class Forge : IDisposable
{
    public const string Audience = "https://verifier.example.org";
    public const string Nonce = "n-0S6_WzA2Mj";

    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public InMemorySigner Issuer { get; } = TestKeys.Signer(TestKeys.IssuerJwk);

    public InMemorySigner Holder { get; } = TestKeys.Signer(TestKeys.HolderJwk);

    public FakeTimeProvider Clock { get; } = new(Now);

    public static KeyBindingExpectation Expected => new(Audience, Nonce);

    /// <summary>A verifier trusting the issuer key; Key Binding required unless said otherwise.</summary>
    public SdJwtVerifier Verifier(SdJwtVerifierOptions? options = null) =>
        new(KeyResolver.Single(Issuer.PublicKey), options ?? new SdJwtVerifierOptions(), Clock);

    /// <summary>The issuer-signed JWT over <paramref name="payload"/> as given (plus cnf.jwk of the holder unless told not to).</summary>
    public string Jwt(JsonObject payload, JsonObject? header = null, bool bindHolder = true)
    {
        if (bindHolder && !payload.ContainsKey("cnf"))
        {
            payload["cnf"] = new JsonObject { ["jwk"] = PublicJwk.ToJson(Holder.PublicKey) };
        }

        return JwsSigning.SignCompact(Issuer, header ?? new JsonObject { ["typ"] = "example+sd-jwt" }, JwsSigning.ToUtf8(payload));
    }

    /// <summary><c>&lt;JWT&gt;~&lt;D1&gt;~…~</c> followed by a KB-JWT over it when <paramref name="keyBinding"/>.</summary>
    public string Present(string jwt, IEnumerable<string> disclosures, bool keyBinding = true)
    {
        var sdJwt = string.Concat(jwt, "~", string.Concat(disclosures.Select(d => d + "~")));
        return keyBinding ? sdJwt + KeyBinding(sdJwt) : sdJwt;
    }

    /// <summary>A KB-JWT over <paramref name="sdJwt"/> with the holder key, every field overridable.</summary>
    public string KeyBinding(string sdJwt, string? audience = null, string? nonce = null, DateTimeOffset? issuedAt = null, string? sdHash = null) =>
        KeyBindingJwt.Create(Holder, sdHash ?? KeyBindingJwt.ComputeSdHash(sdJwt), audience ?? Audience, nonce ?? Nonce, issuedAt ?? Now);

    /// <summary>A KB-JWT signed over any header and payload with the holder key.</summary>
    public string KeyBindingRaw(JsonObject header, JsonObject payload) => JwsSigning.SignCompact(Holder, header, JwsSigning.ToUtf8(payload));

    public static Disclosure Member(string salt, string name, JsonNode? value) => Disclosure.Create(salt, name, value);

    public static Disclosure Element(string salt, JsonNode? value) => Disclosure.Create(salt, null, value);

    public static string Salt() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

    public void Dispose()
    {
        Issuer.Dispose();
        Holder.Dispose();
    }
}
