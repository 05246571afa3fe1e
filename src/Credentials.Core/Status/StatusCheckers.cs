using Credentials.Model;

namespace Credentials.Status;

/// <summary>Several checkers as one: each reference goes to the first that reads its kind; none is "no source".</summary>
public sealed class StatusCheckers : IStatusChecker
{
    private readonly IReadOnlyList<IStatusChecker> checkers;

    /// <summary>The checkers, tried in order: the first whose <see cref="IStatusChecker.CanCheck"/> accepts a reference checks it. With none, every status is unknown, "no source".</summary>
    public StatusCheckers(params IReadOnlyList<IStatusChecker> checkers)
    {
        ArgumentNullException.ThrowIfNull(checkers);
        this.checkers = [.. checkers];
    }

    /// <summary>A checker that checks nothing, by the verifier's choice: every status is unknown, "not checked".</summary>
    public static IStatusChecker Offline { get; } = new OfflineChecker();

    /// <inheritdoc/>
    public bool CanCheck(StatusReference reference) => checkers.Any(c => c.CanCheck(reference));

    /// <inheritdoc/>
    public ValueTask<StatusCheck> CheckAsync(StatusReference reference, InstitutionId authenticSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        foreach (var checker in checkers)
        {
            if (checker.CanCheck(reference))
            {
                return checker.CheckAsync(reference, authenticSource, cancellationToken);
            }
        }

        return ValueTask.FromResult(StatusCheck.Unknown(StatusUnknownCause.NoSource, StatusMessages.NoSource()));
    }

    private sealed class OfflineChecker : IStatusChecker
    {
        public bool CanCheck(StatusReference reference) => true;

        public ValueTask<StatusCheck> CheckAsync(StatusReference reference, InstitutionId authenticSource, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(StatusCheck.Unknown(StatusUnknownCause.NotChecked, StatusMessages.Offline()));
    }
}
