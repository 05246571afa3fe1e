using System.Net.Sockets;
using System.Text;
using Credentials.Model;
using Credentials.Signing;
using Credentials.Status;
using Credentials.Trust;
using Credentials.Wallet.StatusLists;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Wallet.Tests.StatusLists;

/// <summary>
/// The verifier's status check (draft-ietf-oauth-status-list-21 §8.3) against a real HTTP server on 127.0.0.1: each
/// outcome it must tell apart, and each way a list can fail, which is always "unknown", never revoked nor valid.
/// </summary>
public sealed class TokenStatusListCheckerTests : IDisposable
{
    private const int ValidIndex = 5;
    private const int RevokedIndex = 1;
    private const int SuspendedIndex = 2;
    private const int ApplicationSpecificIndex = 3;
    private const int Entries = 1 << 17;

    private static readonly InstitutionId Institution = StatusListPki.Institution;

    private readonly FakeTimeProvider clock = Clock.At(2026, 6, 15);
    private readonly StatusListPki pki;
    private readonly CertificateSigner signer;
    private readonly TrustRegistry registry;
    private readonly LoopbackHttpServer server = new();
    private readonly HttpClient http = new();

    public TokenStatusListCheckerTests()
    {
        pki = new StatusListPki(clock.GetUtcNow().AddDays(-30));
        signer = pki.IssueSigner("BE:0120 status signer");
        registry = StatusListPki.Registry((Institution, signer));
    }

    private Uri Address => server.Url("status/BE-0120/1");

    [Fact]
    public async Task A_valid_entry_is_valid_with_the_lists_dates()
    {
        Serve(Jwt());
        var check = await Checker().CheckAsync(Entry(ValidIndex), Institution);
        Assert.Equal(CredentialStatus.Valid, check.Status);
        Assert.Null(check.UnknownCause);
        Assert.Equal(clock.GetUtcNow().AddMinutes(-1), check.ListIssuedAt);
        Assert.Equal(clock.GetUtcNow(), check.ListFetchedAt);
    }

    [Fact]
    public async Task A_revoked_entry_is_revoked()
    {
        Serve(Jwt());
        Assert.Equal(CredentialStatus.Revoked, (await Checker().CheckAsync(Entry(RevokedIndex), Institution)).Status);
    }

    [Fact]
    public async Task A_suspended_entry_is_suspended()
    {
        Serve(Jwt());
        Assert.Equal(CredentialStatus.Suspended, (await Checker().CheckAsync(Entry(SuspendedIndex), Institution)).Status);
    }

    [Fact]
    public async Task An_application_specific_value_is_unknown_not_valid_nor_revoked()
    {
        Serve(Jwt());
        AssertUnknown(await Checker().CheckAsync(Entry(ApplicationSpecificIndex), Institution), StatusUnknownCause.UnsupportedValue, "0x03");
    }

    [Fact]
    public async Task The_cwt_form_is_read_as_well()
    {
        server.Handle("status/BE-0120/1", _ => new LoopbackHttpServer.Reply(200, StatusListTokenFormat.SignCwt(Token(), signer), new Dictionary<string, string> { ["Content-Type"] = StatusListTokenFormat.CwtMediaType }));
        Assert.Equal(CredentialStatus.Revoked, (await Checker().CheckAsync(Entry(RevokedIndex), Institution)).Status);
    }

    [Fact]
    public async Task The_request_asks_for_the_jwt_media_type()
    {
        string? accept = null;
        server.Handle("status/BE-0120/1", request =>
        {
            accept = request.Headers["Accept"];
            return new LoopbackHttpServer.Reply(200, Encoding.ASCII.GetBytes(Jwt()));
        });
        await Checker().CheckAsync(Entry(ValidIndex), Institution);
        Assert.Equal(StatusListTokenFormat.JwtMediaType, accept);
    }

    [Fact]
    public async Task An_unreachable_list_is_unknown()
    {
        var closed = new Uri($"http://127.0.0.1:{ClosedPort()}/status/1");
        AssertUnknown(await Checker().CheckAsync(new StatusListEntry(closed, 0), Institution), StatusUnknownCause.Unreachable, "no connection");
    }

    [Fact]
    public async Task An_http_error_is_unknown()
    {
        server.Serve("status/BE-0120/1", () => "oops"u8.ToArray(), status: 500);
        AssertUnknown(await Checker().CheckAsync(Entry(ValidIndex), Institution), StatusUnknownCause.Unreachable, "HTTP 500");
    }

    [Fact]
    public async Task A_list_that_does_not_answer_in_time_is_unknown()
    {
        server.Handle("status/BE-0120/1", _ => new LoopbackHttpServer.Reply(200, Encoding.ASCII.GetBytes(Jwt()), Delay: TimeSpan.FromSeconds(3)));
        var checker = Checker(new TokenStatusListCheckerOptions { Timeout = TimeSpan.FromMilliseconds(300) });
        AssertUnknown(await checker.CheckAsync(Entry(ValidIndex), Institution), StatusUnknownCause.Unreachable, "within");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_too_large()
    {
        Serve(Jwt());
        var checker = Checker(new TokenStatusListCheckerOptions { MaxTokenBytes = 256 });
        AssertUnknown(await checker.CheckAsync(Entry(ValidIndex), Institution), StatusUnknownCause.TooLarge, "256 bytes");
    }

    [Fact]
    public async Task A_list_that_inflates_past_the_limit_is_too_large()
    {
        // 4 MiB of 8-bit entries compress to a few KiB: a small, correctly signed "bomb".
        Serve(StatusListTokenFormat.SignJwt(new StatusListToken(Address, clock.GetUtcNow().AddMinutes(-1), new StatusList(8, 4 * 1024 * 1024)), signer));
        var checker = Checker(new TokenStatusListCheckerOptions { MaxDecompressedBytes = 1024 * 1024 });
        AssertUnknown(await checker.CheckAsync(Entry(ValidIndex), Institution), StatusUnknownCause.TooLarge, "inflates");
    }

    [Fact]
    public async Task A_list_signed_by_another_key_than_its_certificates_is_badly_signed()
    {
        // The trusted signer's x5c, but the signature of a key of the attacker's.
        using var rogue = InMemorySigner.CreateP256();
        var header = $$"""{"alg":"ES256","typ":"statuslist+jwt","x5c":["{{Convert.ToBase64String(signer.Certificate.RawData)}}"]}""";
        var payload = Encoding.UTF8.GetBytes(Jwt().Split('.')[1]);
        var forged = CompactJws.Sign(Encoding.UTF8.GetBytes(header), System.Buffers.Text.Base64Url.DecodeFromUtf8(payload), rogue);
        Serve(forged);
        AssertUnknown(await Checker().CheckAsync(Entry(RevokedIndex), Institution), StatusUnknownCause.BadlySigned, "does not verify");
    }

    [Fact]
    public async Task An_unsigned_list_is_badly_signed()
    {
        var payload = Jwt().Split('.')[1];
        var header = System.Buffers.Text.Base64Url.EncodeToString("""{"alg":"none","typ":"statuslist+jwt"}"""u8);
        Serve($"{header}.{payload}.");
        AssertUnknown(await Checker().CheckAsync(Entry(RevokedIndex), Institution), StatusUnknownCause.BadlySigned, "allowed algorithm");
    }

    [Fact]
    public async Task A_list_signed_by_a_certificate_of_another_institution_is_badly_signed()
    {
        var other = pki.IssueSigner("BE:0999 status signer");
        var checker = new TokenStatusListChecker(http, StatusListPki.Registry((Institution, signer), (StatusListPki.OtherInstitution, other)), clock);
        Serve(StatusListTokenFormat.SignJwt(Token(), other));
        AssertUnknown(await checker.CheckAsync(Entry(RevokedIndex), Institution), StatusUnknownCause.BadlySigned, "linked to other institutions, not to BE:0120");
    }

    [Fact]
    public async Task A_list_signed_by_a_certificate_the_registry_does_not_know_is_badly_signed()
    {
        Serve(StatusListTokenFormat.SignJwt(Token(), pki.IssueSigner("stranger")));
        AssertUnknown(await Checker().CheckAsync(Entry(RevokedIndex), Institution), StatusUnknownCause.BadlySigned, "not in the trust registry");
    }

    [Fact]
    public async Task A_strangers_list_is_refused_before_it_is_inflated()
    {
        // A bomb signed by a certificate the registry does not know: refused as badly signed, never inflated.
        var stranger = pki.IssueSigner("stranger");
        Serve(StatusListTokenFormat.SignJwt(new StatusListToken(Address, clock.GetUtcNow().AddMinutes(-1), new StatusList(8, 4 * 1024 * 1024)), stranger));
        var checker = Checker(new TokenStatusListCheckerOptions { MaxDecompressedBytes = 1024 * 1024 });
        AssertUnknown(await checker.CheckAsync(Entry(ValidIndex), Institution), StatusUnknownCause.BadlySigned, "not in the trust registry");
    }

    [Fact]
    public async Task A_list_whose_signer_certificate_was_not_valid_at_its_issue_is_badly_signed()
    {
        var late = pki.IssueSigner("late signer", notBefore: clock.GetUtcNow().AddDays(2), notAfter: clock.GetUtcNow().AddYears(1));
        var checker = new TokenStatusListChecker(http, StatusListPki.Registry((Institution, late)), clock);
        Serve(StatusListTokenFormat.SignJwt(Token(), late));
        AssertUnknown(await checker.CheckAsync(Entry(RevokedIndex), Institution), StatusUnknownCause.BadlySigned, "not valid when the list was issued");
    }

    [Fact]
    public async Task A_list_without_a_certificate_is_badly_signed()
    {
        var payload = Jwt().Split('.')[1];
        Serve(CompactJws.Sign("""{"alg":"ES256","typ":"statuslist+jwt","kid":"1"}"""u8, System.Buffers.Text.Base64Url.DecodeFromChars(payload), signer));
        AssertUnknown(await Checker().CheckAsync(Entry(RevokedIndex), Institution), StatusUnknownCause.BadlySigned, "no certificate");
    }

    [Fact]
    public async Task A_list_for_another_address_is_a_subject_mismatch()
    {
        Serve(StatusListTokenFormat.SignJwt(Token(server.Url("status/BE-0120/2")), signer));
        AssertUnknown(await Checker().CheckAsync(Entry(RevokedIndex), Institution), StatusUnknownCause.SubjectMismatch, "sub");
    }

    [Fact]
    public async Task The_subject_is_compared_exactly_not_after_normalisation()
    {
        // The same resource by URI normalisation (upper-case scheme and host), but not the credential's string.
        var shouted = new Uri(Address.OriginalString.Replace("http://127.0.0.1", "HTTP://127.0.0.1", StringComparison.Ordinal));
        Serve(StatusListTokenFormat.SignJwt(Token(shouted), signer));
        AssertUnknown(await Checker().CheckAsync(Entry(RevokedIndex), Institution), StatusUnknownCause.SubjectMismatch, "sub");
    }

    [Fact]
    public async Task An_expired_list_is_stale()
    {
        var issued = clock.GetUtcNow().AddDays(-2);
        Serve(StatusListTokenFormat.SignJwt(new StatusListToken(Address, issued, Statuses()) { ExpiresAt = issued.AddDays(1) }, signer));
        AssertUnknown(await Checker().CheckAsync(Entry(RevokedIndex), Institution), StatusUnknownCause.Stale, "expired");
    }

    [Fact]
    public async Task An_index_outside_the_list_is_unknown_never_valid()
    {
        Serve(Jwt());
        AssertUnknown(await Checker().CheckAsync(Entry(Entries), Institution), StatusUnknownCause.IndexOutOfRange, $"{Entries} entries");
    }

    [Fact]
    public async Task A_body_that_is_not_a_token_is_malformed()
    {
        server.Serve("status/BE-0120/1", () => "<html>moved</html>"u8.ToArray());
        AssertUnknown(await Checker().CheckAsync(Entry(ValidIndex), Institution), StatusUnknownCause.Malformed, "malformed");
    }

    [Fact]
    public async Task A_list_is_cached_for_its_ttl_and_the_next_fetch_sees_the_change()
    {
        // The shipped mistake: a cache that kept saying "valid" after the list said revoked.
        var current = Jwt();
        server.Serve("status/BE-0120/1", () => Encoding.ASCII.GetBytes(current));
        var checker = Checker();
        Assert.Equal(CredentialStatus.Valid, (await checker.CheckAsync(Entry(ValidIndex), Institution)).Status);

        var list = Statuses();
        list.Set(ValidIndex, StatusTypes.Invalid);
        current = StatusListTokenFormat.SignJwt(Token(list: list), signer);

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(CredentialStatus.Valid, (await checker.CheckAsync(Entry(ValidIndex), Institution)).Status);
        Assert.Equal(1, server.Requests);

        clock.Advance(TimeSpan.FromMinutes(1)); // ttl (1 hour) reached
        var after = await checker.CheckAsync(Entry(ValidIndex), Institution);
        Assert.Equal(CredentialStatus.Revoked, after.Status);
        Assert.Equal(2, server.Requests);
        Assert.Equal(clock.GetUtcNow(), after.ListFetchedAt);
    }

    [Fact]
    public async Task A_list_is_never_kept_past_its_exp_whatever_its_ttl()
    {
        var issued = clock.GetUtcNow().AddMinutes(-1);
        Serve(StatusListTokenFormat.SignJwt(new StatusListToken(Address, issued, Statuses()) { ExpiresAt = issued.AddMinutes(11), TimeToLive = TimeSpan.FromHours(6) }, signer));
        var checker = Checker();
        await checker.CheckAsync(Entry(ValidIndex), Institution);
        clock.Advance(TimeSpan.FromMinutes(9));
        await checker.CheckAsync(Entry(ValidIndex), Institution);
        Assert.Equal(1, server.Requests);

        clock.Advance(TimeSpan.FromMinutes(1)); // exp reached: fetched again, and what is served is expired
        AssertUnknown(await checker.CheckAsync(Entry(ValidIndex), Institution), StatusUnknownCause.Stale, "expired");
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task A_long_ttl_is_held_to_the_configured_maximum_and_a_tiny_one_to_the_minimum()
    {
        var issued = clock.GetUtcNow().AddMinutes(-1);
        var ttl = TimeSpan.FromDays(7);
        server.Serve("status/BE-0120/1", () => Encoding.ASCII.GetBytes(StatusListTokenFormat.SignJwt(new StatusListToken(Address, issued, Statuses()) { ExpiresAt = issued.AddDays(30), TimeToLive = ttl }, signer)));
        var checker = Checker(new TokenStatusListCheckerOptions { MaxCacheAge = TimeSpan.FromHours(2), MinCacheAge = TimeSpan.FromMinutes(5) });
        await checker.CheckAsync(Entry(ValidIndex), Institution);
        clock.Advance(TimeSpan.FromHours(2));
        await checker.CheckAsync(Entry(ValidIndex), Institution);
        Assert.Equal(2, server.Requests);

        ttl = TimeSpan.FromSeconds(1);
        clock.Advance(TimeSpan.FromHours(2));
        await checker.CheckAsync(Entry(ValidIndex), Institution); // fetches the 1-second ttl list
        clock.Advance(TimeSpan.FromMinutes(4));
        await checker.CheckAsync(Entry(ValidIndex), Institution);
        Assert.Equal(3, server.Requests);
        clock.Advance(TimeSpan.FromMinutes(1));
        await checker.CheckAsync(Entry(ValidIndex), Institution);
        Assert.Equal(4, server.Requests);
    }

    [Fact]
    public async Task A_failed_download_is_not_remembered()
    {
        var status = 500;
        server.Handle("status/BE-0120/1", _ => new LoopbackHttpServer.Reply(status, Encoding.ASCII.GetBytes(Jwt())));
        var checker = Checker();
        Assert.Equal(CredentialStatus.Unknown, (await checker.CheckAsync(Entry(ValidIndex), Institution)).Status);
        status = 200;
        Assert.Equal(CredentialStatus.Valid, (await checker.CheckAsync(Entry(ValidIndex), Institution)).Status);
    }

    [Fact]
    public async Task A_cached_list_is_trusted_only_for_the_institutions_its_signer_is_linked_to()
    {
        Serve(Jwt());
        var checker = Checker();
        Assert.Equal(CredentialStatus.Revoked, (await checker.CheckAsync(Entry(RevokedIndex), Institution)).Status);
        AssertUnknown(await checker.CheckAsync(Entry(RevokedIndex), StatusListPki.OtherInstitution), StatusUnknownCause.BadlySigned, "not to BE:0999");
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Checks_of_one_list_made_at_once_share_one_download()
    {
        // The reply waits until all 32 checks have asked, so they overlap however slow the machine is.
        using var gate = new ManualResetEventSlim();
        server.Handle("status/BE-0120/1", _ =>
        {
            gate.Wait(TimeSpan.FromSeconds(30));
            return new LoopbackHttpServer.Reply(200, Encoding.ASCII.GetBytes(Jwt()));
        });
        var checker = Checker();
        var asked = 0;
        var running = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            var check = checker.CheckAsync(Entry(i % 2 == 0 ? ValidIndex : RevokedIndex), Institution);
            Interlocked.Increment(ref asked);
            return await check;
        })).ToArray();
        await WaitUntil(() => Volatile.Read(ref asked) == 32);
        gate.Set();
        var checks = await Task.WhenAll(running);
        Assert.Equal(1, server.Requests);
        Assert.Equal(16, checks.Count(c => c.Status == CredentialStatus.Valid));
        Assert.Equal(16, checks.Count(c => c.Status == CredentialStatus.Revoked));
    }

    [Fact]
    public async Task One_caller_giving_up_does_not_fail_the_others_sharing_its_download()
    {
        // The reply waits for the gate, so the first caller gives up while the download is surely still running,
        // however slow the machine is.
        using var gate = new ManualResetEventSlim();
        server.Handle("status/BE-0120/1", _ =>
        {
            gate.Wait(TimeSpan.FromSeconds(30));
            return new LoopbackHttpServer.Reply(200, Encoding.ASCII.GetBytes(Jwt()));
        });
        var checker = Checker();
        using var impatient = new CancellationTokenSource();
        var first = checker.CheckAsync(Entry(ValidIndex), Institution, impatient.Token).AsTask();
        var second = checker.CheckAsync(Entry(RevokedIndex), Institution).AsTask();
        await WaitUntil(() => server.Requests == 1);
        impatient.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.False(second.IsCompleted);
        gate.Set();
        Assert.Equal(CredentialStatus.Revoked, (await second).Status);
        Assert.Equal(1, server.Requests);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Another_kind_of_reference_is_not_its_business()
    {
        var checker = Checker();
        var other = new RevocationListEntry(Address, "aaaaaaaa-0000-4000-8000-000000000001");
        Assert.False(checker.CanCheck(other));
        Assert.True(checker.CanCheck(Entry(0)));
        var check = await checker.CheckAsync(other, Institution);
        Assert.Equal(CredentialStatus.Unknown, check.Status);
        Assert.Equal(StatusUnknownCause.NoSource, check.UnknownCause);
    }

    public void Dispose()
    {
        http.Dispose();
        server.Dispose();
        pki.Dispose();
    }

    private TokenStatusListChecker Checker(TokenStatusListCheckerOptions? options = null) => new(http, registry, clock, options);

    private StatusListEntry Entry(long index) => new(Address, index);

    private void Serve(string token) =>
        server.Handle("status/BE-0120/1", _ => new LoopbackHttpServer.Reply(200, Encoding.ASCII.GetBytes(token), new Dictionary<string, string> { ["Content-Type"] = StatusListTokenFormat.JwtMediaType }));

    private string Jwt() => StatusListTokenFormat.SignJwt(Token(), signer);

    private StatusListToken Token(Uri? subject = null, StatusList? list = null)
    {
        var issued = clock.GetUtcNow().AddMinutes(-1);
        return new StatusListToken(subject ?? Address, issued, list ?? Statuses()) { ExpiresAt = issued.AddDays(1), TimeToLive = TimeSpan.FromHours(1) };
    }

    private static StatusList Statuses()
    {
        var list = new StatusList(2, Entries);
        list.Set(RevokedIndex, StatusTypes.Invalid);
        list.Set(SuspendedIndex, StatusTypes.Suspended);
        list.Set(ApplicationSpecificIndex, StatusTypes.ApplicationSpecific);
        return list;
    }

    private static void AssertUnknown(StatusCheck check, StatusUnknownCause cause, string named)
    {
        Assert.Equal(CredentialStatus.Unknown, check.Status);
        Assert.Equal(cause, check.UnknownCause);
        Assert.Contains(named, check.Reason, StringComparison.Ordinal);
        Assert.StartsWith("status unknown", check.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", check.Reason, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var probe = new TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }
}
