using System.Text.Json;
using Credentials.Wallet.Jose;

namespace Credentials.Wallet.SdJwt;

/// <summary>
/// Verifies an SD-JWT or SD-JWT+KB as RFC 9901 §7.1 and §7.3 say, in their order: parse, issuer signature with a key
/// from the caller's resolver, Disclosures, validity, then Key Binding. Returns a result and never throws for bad
/// input. Thread-safe; time comes from the injected clock.
/// </summary>
public sealed class SdJwtVerifier
{
    private readonly IIssuerKeyResolver issuerKeys;
    private readonly SdJwtVerifierOptions options;
    private readonly TimeProvider time;
    private readonly HolderKeyCache holderKeys = new();

    /// <summary>A verifier that trusts the keys <paramref name="issuerKeys"/> returns, under <paramref name="options"/> (defaults when null).</summary>
    public SdJwtVerifier(IIssuerKeyResolver issuerKeys, SdJwtVerifierOptions? options = null, TimeProvider? time = null)
    {
        this.issuerKeys = issuerKeys ?? throw new ArgumentNullException(nameof(issuerKeys));
        this.options = options ?? new SdJwtVerifierOptions();
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Verifies <paramref name="sdJwt"/> (compact or JWS JSON). <paramref name="keyBinding"/> is this transaction's
    /// audience and nonce: required when the options require Key Binding, and needed to accept any presentation
    /// that carries a KB-JWT (which is then checked in full).
    /// </summary>
    public SdJwtVerification Verify(string sdJwt, KeyBindingExpectation? keyBinding = null)
    {
        if (options.RequireKeyBinding && keyBinding is null)
        {
            throw new ArgumentNullException(nameof(keyBinding), "the verifier requires Key Binding: give the audience and nonce to expect.");
        }

        try
        {
            return Check(sdJwt, keyBinding);
        }
        catch (SdJwtException exception)
        {
            return SdJwtVerification.Refused(exception.Failure);
        }
    }

    private SdJwtVerification Check(string text, KeyBindingExpectation? keyBinding)
    {
        // RFC 9901 §7.1 step 1 and §7.3 step 3: separate issuer-signed JWT, Disclosures and KB-JWT.
        if (!SdJwtToken.TryParse(text, options.Limits, out var sdJwt, out var failure))
        {
            return SdJwtVerification.Refused(failure);
        }

        // RFC 9901 §7.3 steps 1 and 2: Key Binding is required by policy, not by what the holder chose to send.
        if (sdJwt.KeyBinding is null && options.RequireKeyBinding)
        {
            throw new SdJwtException(SdJwtError.KeyBindingMissing, "the verifier requires Key Binding and the presentation has no Key Binding JWT");
        }

        if (sdJwt.KeyBinding is not null && keyBinding is null)
        {
            throw new SdJwtException(SdJwtError.KeyBindingUnexpected, "the presentation has a Key Binding JWT but no audience and nonce were given to check it");
        }

        // The payload is read before the signature only to let the resolver choose the key; it is refused after the signature.
        var payloadRead = StrictJson.TryParseObject(sdJwt.IssuerSigned.Payload.Span, options.Limits.MaxDepth, out var payload, out _);
        VerifyIssuerSignatures(sdJwt, payloadRead ? payload : default);
        if (!payloadRead)
        {
            payload = DisclosureProcessor.ReadPayload(sdJwt, options.Limits);
        }

        // RFC 9901 §7.1 steps 3 to 5.
        var (claims, disclosed) = DisclosureProcessor.Process(payload, sdJwt.Disclosures, options.Limits);

        // RFC 9901 §7.1 step 6: validity from the processed payload (validity claims may be disclosable, §9.7).
        var now = time.GetUtcNow();
        ValidityClaims.Check(claims, now, options.ClockSkew, options.RequireExpiry, checkIssuedAt: true, "the SD-JWT");

        // RFC 9901 §7.3 step 5: a KB-JWT that is present is checked in full, required or not.
        DateTimeOffset? keyBindingIssuedAt = sdJwt.KeyBinding is null ? null : KeyBindingJwt.Verify(sdJwt, claims, keyBinding!, options, now, holderKeys);
        return SdJwtVerification.Valid(claims, sdJwt.IssuerSigned.Header, disclosed, keyBindingIssuedAt);
    }

    private void VerifyIssuerSignatures(SdJwtToken sdJwt, JsonElement payload)
    {

        // RFC 9901 §8.4 with the General serialization: every signature must verify (we do not pick one and ignore the rest).
        foreach (var signature in sdJwt.IssuerSigned.Signatures)
        {
            // RFC 9901 §7.1 step 2.1 and §9.1: an allowed algorithm, never none.
            if (!signature.Header.TryGetAlgorithm(options.AllowedAlgorithms, out var algorithm, out var problem))
            {
                throw new SdJwtException(SdJwtError.AlgorithmNotAllowed, $"the issuer-signed JWT's {problem}");
            }

            // RFC 9901 §9.11: explicit typing, when the verifier names the types it accepts.
            if (options.AcceptedTypes is { } types && (signature.Header.Type is not { } type || !types.Contains(type)))
            {
                throw new SdJwtException(SdJwtError.TypeNotAccepted, "the issuer-signed JWT's 'typ' is not accepted");
            }

            // RFC 9901 §7.1 step 2.3: the key must belong to the issuer; the caller's resolver decides.
            var resolution = issuerKeys.Resolve(signature.Header, payload);
            if (!resolution.IsFound)
            {
                throw new SdJwtException(SdJwtError.IssuerKeyRefused, $"no trusted issuer key: {resolution.Refusal}");
            }

            if (!JwsKeys.Fits(resolution.Key, algorithm))
            {
                throw new SdJwtException(SdJwtError.IssuerKeyUnsuitable, $"the issuer's key does not fit the algorithm {algorithm}");
            }

            // RFC 9901 §7.1 step 2.2: the signature over the issuer-signed JWT.
            if (!sdJwt.IssuerSigned.Verify(signature, resolution.Key, algorithm))
            {
                throw new SdJwtException(SdJwtError.IssuerSignatureInvalid, "the issuer's signature does not verify");
            }
        }
    }
}
