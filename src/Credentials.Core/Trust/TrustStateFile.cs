using System.Text.Json;
using Credentials.IO;

namespace Credentials.Trust;

/// <summary>
/// The trust state in a small JSON file (<c>{"thumbprint": sequence, …}</c>): read and written under an exclusive
/// lock across processes, replaced atomically, and never overwritten when damaged (it records which snapshots were
/// accepted; a damaged file is reported for the operator to repair or remove).
/// </summary>
public sealed class TrustStateFile : ITrustStateStore
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A state of one number per operator is small; a larger file is not one.</summary>
    private const long MaxBytes = 1024 * 1024;

    /// <summary>The state in the file at <paramref name="path"/> (made absolute); a missing file is a state in which no snapshot has been accepted yet.</summary>
    public TrustStateFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public long? HighestAccepted(string operatorThumbprint)
    {
        using var held = SharedFile.Lock(Path, LockTimeout);
        return Read(held).TryGetValue(operatorThumbprint, out var sequence) ? sequence : null;
    }

    /// <inheritdoc/>
    public void Accept(string operatorThumbprint, long sequence)
    {
        using var held = SharedFile.Lock(Path, LockTimeout);
        var state = Read(held);
        if (state.TryGetValue(operatorThumbprint, out var current) && current >= sequence)
        {
            return;
        }

        state[operatorThumbprint] = sequence;
        held.Replace(JsonSerializer.SerializeToUtf8Bytes(state, TrustStateJsonContext.Default.DictionaryStringInt64));
    }

    private Dictionary<string, long> Read(SharedFileLock held)
    {
        if (held.ReadCurrent(MaxBytes) is not { } bytes)
        {
            return new Dictionary<string, long>(StringComparer.Ordinal);
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, TrustStateJsonContext.Default.DictionaryStringInt64)
                ?? throw new JsonException();
        }
        catch (JsonException)
        {
            throw new TrustSnapshotException(TrustSnapshotProblem.Malformed, $"the trust state '{Path}' is damaged; it records which snapshots were accepted, so it is not overwritten: repair or remove it.");
        }
    }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(AllowDuplicateProperties = false)]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, long>))]
internal sealed partial class TrustStateJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
