namespace Credentials.Storage.Offers;

/// <summary>What redeeming a pre-authorized code came to (OpenID4VCI 1.0 §6.1, §6.3).</summary>
public abstract record Redemption
{
    private Redemption()
    {
    }

    /// <summary>The code was good and is now used: the offer may be issued once, until <paramref name="Offer"/>'s expiry.</summary>
    public sealed record Redeemed(PendingOffer Offer) : Redemption;

    /// <summary>No live offer has that code: unknown, used already, expired, or its transaction code died.</summary>
    public sealed record Unknown : Redemption;

    /// <summary>The offer needs a transaction code and none was given.</summary>
    public sealed record TxCodeMissing : Redemption;

    /// <summary>The transaction code was wrong; <paramref name="TriesLeft"/> more wrong ones and the code dies.</summary>
    public sealed record TxCodeWrong(int TriesLeft) : Redemption;
}
