namespace Credentials.Host.Configuration;

/// <summary>The section <c>Credentials:Verifier</c>.</summary>
internal sealed class VerifierSettings
{
    /// <summary>Who verifies, written into every export (e.g. the hospital's name).</summary>
    public string? Name { get; set; }

    /// <summary>Whether a document whose status cannot be learnt is rejected (default false, as the EC specification has it).</summary>
    public bool RequireKnownStatus { get; set; }

    /// <summary>The time zone whose date is "today" for the treatment date (an IANA id such as <c>Europe/Brussels</c>; default the machine's).</summary>
    public string? TimeZone { get; set; }
}
