using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Credentials.Signing;
using Credentials.Wallet.Jose;

namespace Credentials.Wallet.SdJwt;

/// <summary>
/// Issues SD-JWTs (RFC 9901 §4, §5): the claims at the given paths become Disclosures (recursively, when a
/// disclosable claim holds disclosable claims, §4.2.6), their digests go sorted into <c>_sd</c> or replace array
/// elements as <c>{"...": digest}</c>, with <c>_sd_alg</c> <c>sha-256</c> and optionally <c>cnf.jwk</c>, signed
/// through <see cref="ISigner"/>. Thread-safe.
/// </summary>
public sealed class SdJwtIssuer
{
    // The headers do not change between issuances (an x5c chain is over a kilobyte): serialized and parsed once.
    private readonly IReadOnlyList<JwsSigning.PreparedHeader> headers;

    /// <summary>An issuer signing with one key; <paramref name="header"/> holds members besides <c>alg</c> (<c>typ</c>, <c>kid</c>, <c>x5c</c> …).</summary>
    public SdJwtIssuer(ISigner signer, JsonObject? header = null)
        : this([new IssuerSignature(signer ?? throw new ArgumentNullException(nameof(signer)), header)])
    {
    }

    /// <summary>An issuer signing with one or more keys (several give the JWS JSON General Serialization, RFC 9901 §8.3).</summary>
    public SdJwtIssuer(IReadOnlyList<IssuerSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        if (signatures.Count == 0)
        {
            throw new ArgumentException("an issuer signs with at least one key.", nameof(signatures));
        }

        headers = [.. signatures.Select(s => JwsSigning.Prepare(s.Signer, s.ProtectedHeader, s.UnprotectedHeader))];
    }

    /// <summary>
    /// Issues <paramref name="claims"/> (not modified) with the claims at <paramref name="selectivelyDisclosable"/>
    /// as Disclosures. Each path must name a claim of <paramref name="claims"/>: an object member or an array element.
    /// The result is compact with one signature and no unprotected header, else a JWS JSON serialization.
    /// </summary>
    public SdJwtToken Issue(JsonObject claims, IEnumerable<ClaimPath> selectivelyDisclosable, SdJwtIssueOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(selectivelyDisclosable);
        options ??= new SdJwtIssueOptions();
        if (options.MinimumDecoyDigests < 0 || options.MaximumDecoyDigests < options.MinimumDecoyDigests)
        {
            throw new ArgumentException("the decoy digest counts must satisfy 0 <= minimum <= maximum.", nameof(options));
        }

        var paths = selectivelyDisclosable.ToHashSet();
        if (paths.Contains(ClaimPath.Root))
        {
            throw new ArgumentException("the claims object itself cannot be selectively disclosable; name its members.", nameof(selectivelyDisclosable));
        }

        var build = new Build(paths, options);
        var payload = (JsonObject)claims.DeepClone();
        build.Transform(payload, ClaimPath.Root);
        if (build.Found.Count != paths.Count)
        {
            var missing = paths.First(p => !build.Found.Contains(p));
            throw new ArgumentException($"there is no claim at {missing} to make selectively disclosable.", nameof(selectivelyDisclosable));
        }

        // RFC 9901 §4.1.1: the hash algorithm of the digests, at the top level.
        AddClaim(payload, SdJwtNames.HashAlgorithm, SdJwtNames.Sha256);
        if (options.HolderKey is { } holderKey)
        {
            // RFC 9901 §4.1.2 and RFC 7800 §3.2: the holder's public key, for Key Binding.
            AddClaim(payload, SdJwtNames.Confirmation, new JsonObject { [SdJwtNames.ConfirmationKey] = holderKey.ToJson() });
        }

        var payloadBytes = JwsSigning.ToUtf8(payload);
        var encodedPayload = Base64UrlText.Encode(payloadBytes);
        var signed = headers.Select(h => JwsSigning.SignatureOver(h, encodedPayload)).ToList();
        var jws = Jws.FromParts(encodedPayload, payloadBytes, signed);
        var serialization = signed.Count > 1 ? SdJwtSerialization.GeneralJson
            : signed[0].UnprotectedHeader is null ? SdJwtSerialization.Compact : SdJwtSerialization.FlattenedJson;
        return new SdJwtToken(jws, build.Disclosures, null, null, serialization);
    }

    private static void AddClaim(JsonObject payload, string name, JsonNode value)
    {
        if (payload.ContainsKey(name))
        {
            throw new ArgumentException($"the claims already have '{name}', which the issuer sets.", nameof(payload));
        }

        payload[name] = value;
    }

    /// <summary>One issuance's walk over the claims, turning marked claims into Disclosures from the inside out.</summary>
    private sealed class Build(HashSet<ClaimPath> paths, SdJwtIssueOptions options)
    {
        public List<Disclosure> Disclosures { get; } = [];

        public HashSet<ClaimPath> Found { get; } = [];

        public void Transform(JsonNode? node, ClaimPath path)
        {
            switch (node)
            {
                case JsonObject obj:
                    TransformObject(obj, path);
                    break;
                case JsonArray array:
                    TransformArray(array, path);
                    break;
            }
        }

        private void TransformObject(JsonObject obj, ClaimPath path)
        {
            var digests = new List<string>();
            foreach (var (name, value) in obj.ToList())
            {
                if (name is SdJwtNames.Digests or SdJwtNames.ArrayElementDigest)
                {
                    // RFC 9901 §4.1: these names carry digests only.
                    throw new ArgumentException($"the claims use the reserved name '{name}'.");
                }

                var member = path.Member(name);
                Transform(value, member);
                if (!paths.Contains(member))
                {
                    continue;
                }

                // RFC 9901 §4.2.1 and §4.2.4.1: [salt, name, value] out, its digest into _sd.
                Found.Add(member);
                obj.Remove(name);
                var disclosure = Disclosure.ForMember(name, value);
                Disclosures.Add(disclosure);
                digests.Add(disclosure.Digest);
            }

            if (digests.Count == 0)
            {
                return;
            }

            // RFC 9901 §4.2.5: decoys hide how many claims there are.
            var decoys = RandomNumberGenerator.GetInt32(options.MinimumDecoyDigests, options.MaximumDecoyDigests + 1);
            for (var i = 0; i < decoys; i++)
            {
                digests.Add(DisclosureDigest.CreateDecoy());
            }

            // RFC 9901 §4.2.4.1: the digests' order must not reveal the claims' order; sorted, as recommended.
            digests.Sort(StringComparer.Ordinal);
            obj[SdJwtNames.Digests] = new JsonArray([.. digests.Select(d => (JsonNode)d)]);
        }

        private void TransformArray(JsonArray array, ClaimPath path)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var element = path.Element(i);
                Transform(array[i], element);
                if (!paths.Contains(element))
                {
                    continue;
                }

                // RFC 9901 §4.2.2 and §4.2.4.2: [salt, value] out, {"...": digest} in the element's place.
                Found.Add(element);
                var disclosure = Disclosure.ForArrayElement(array[i]);
                Disclosures.Add(disclosure);
                array[i] = new JsonObject { [SdJwtNames.ArrayElementDigest] = disclosure.Digest };
            }
        }
    }
}
