namespace Credentials.Trust.Store;

/// <summary>The store at a glance: its size, when its data last changed, and when it was last confirmed current.</summary>
/// <param name="SchemaVersion">The schema version of the file.</param>
/// <param name="Issuers">Institutions known, withdrawn ones included.</param>
/// <param name="Certificates">Distinct certificates known.</param>
/// <param name="WithdrawnLinks">Certificate links the list no longer holds (kept for documents issued before).</param>
/// <param name="LastImportAt">The last import (a file, or a sync that read a full list).</param>
/// <param name="LastImportSource">Where the last import came from.</param>
public sealed record RegistryStatus(int SchemaVersion, int Issuers, int Certificates, int WithdrawnLinks, DateTimeOffset? LastImportAt, string? LastImportSource)
{
    /// <summary>The last import that changed the registry's content.</summary>
    public DateTimeOffset? LastChangedAt { get; init; }

    /// <summary>Where the last change came from.</summary>
    public string? LastChangedSource { get; init; }

    /// <summary>
    /// When the data was last confirmed current: the last import, or a later sync the resolver answered "not modified".
    /// This is the registry's as-of time, from which a verifier judges the trust data's age.
    /// </summary>
    public DateTimeOffset? ConfirmedCurrentAt { get; init; }

    /// <summary>Where that confirmation came from (a file name or a resolver's address).</summary>
    public string? ConfirmedCurrentSource { get; init; }

    /// <summary>Whether that confirmation was a "not modified" answer rather than an import.</summary>
    public bool ConfirmedByNotModified { get; init; }
}
