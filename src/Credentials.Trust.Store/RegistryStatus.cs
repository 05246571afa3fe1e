namespace Credentials.Trust.Store;

/// <summary>The store at a glance: its size and its last import.</summary>
public sealed record RegistryStatus(int SchemaVersion, int Issuers, int Certificates, int WithdrawnLinks, DateTimeOffset? LastImportAt, string? LastImportSource);
