using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Credentials.Signing.Pkcs11;

/// <summary>Finds the slot whose token has a given label, among the module's initialised tokens.</summary>
internal static class Pkcs11TokenFinder
{
    public static ISlot Find(Pkcs11Module module, string tokenLabel)
    {
        List<ISlot> slots;
        try
        {
            slots = module.Library.GetSlotList(SlotsType.WithTokenPresent);
        }
        catch (Pkcs11Exception e)
        {
            throw new Pkcs11SignerException(Pkcs11Problem.TokenFailure, $"the PKCS#11 module '{module.Path}' could not list its slots ({e.RV}).", e);
        }

        var labels = new List<string>();
        var matches = new List<ISlot>();
        foreach (var slot in slots)
        {
            ITokenInfo token;
            try
            {
                token = slot.GetTokenInfo();
            }
            catch (Pkcs11Exception)
            {
                // A token being removed, or one the module does not recognise: it cannot be the one asked for.
                continue;
            }

            // PKCS#11 v2.40 base §3.2 CK_TOKEN_INFO: an uninitialised token (SoftHSM2 always offers one) has no usable label.
            if (!token.TokenFlags.TokenInitialized)
            {
                continue;
            }

            labels.Add(token.Label);
            if (string.Equals(token.Label, tokenLabel, StringComparison.Ordinal))
            {
                matches.Add(slot);
            }
        }

        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new Pkcs11SignerException(Pkcs11Problem.TokenNotFound, labels.Count == 0
                ? $"no token labelled '{tokenLabel}': the PKCS#11 module '{module.Path}' has no initialised token."
                : $"no token labelled '{tokenLabel}' in the PKCS#11 module '{module.Path}' (tokens found: {Quoted(labels.Order(StringComparer.Ordinal))})."),
            _ => throw new Pkcs11SignerException(Pkcs11Problem.TokenAmbiguous, $"{matches.Count} tokens are labelled '{tokenLabel}' in the PKCS#11 module '{module.Path}': relabel one of them."),
        };
    }

    internal static string Quoted(IEnumerable<string> labels) => string.Join(", ", labels.Select(l => $"'{l}'"));
}
