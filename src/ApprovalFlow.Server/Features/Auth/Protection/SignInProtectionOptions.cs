using System.ComponentModel.DataAnnotations;

namespace ApprovalFlow.Server.Features.Auth.Protection;

/// <summary>
/// Limits on signing in (configuration section <c>SignInProtection</c>): rate limits per client address and per
/// account, and the back-off after wrong passwords that replaces Identity's lockout (see <c>docs/operations.md</c>,
/// "Sign-in protection").
/// </summary>
public sealed class SignInProtectionOptions
{
    /// <summary>The configuration section: <c>SignInProtection</c>.</summary>
    public const string Section = "SignInProtection";

    /// <summary>
    /// Requests one client address (IPv4 address, IPv6 /64 network, after forwarded headers) may make in
    /// <see cref="ClientWindow"/> to <c>POST /api/auth/login</c>, <c>POST /api/auth/refresh</c> and the sign-in page
    /// together, on one node; more get 429. Default 60.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int ClientPermitLimit { get; set; } = 60;

    /// <summary>The fixed window of <see cref="ClientPermitLimit"/>. Default one minute.</summary>
    public TimeSpan ClientWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Sign-in attempts for one account (normalised e-mail; refreshes by user) in <see cref="AccountWindow"/> from any
    /// client, on one node; more get 429. Default 10.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int AccountPermitLimit { get; set; } = 10;

    /// <summary>The fixed window of <see cref="AccountPermitLimit"/>. Default one minute.</summary>
    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Wrong passwords one client may give for one account before it must wait (<see cref="FirstDelay"/>, doubling
    /// with each further wrong password up to <see cref="MaxDelay"/>); other clients are not affected. Default 5.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int FreeFailures { get; set; } = 5;

    /// <summary>The wait after the first wrong password past <see cref="FreeFailures"/>. Default one minute.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait of one client for one account. Default one hour.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a client's wrong passwords for an account are counted (from the first). Default one day.</summary>
    public TimeSpan FailureMemory { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Wrong passwords for one account from all clients together in <see cref="AccountFailureWindow"/>; past it every
    /// client waits until the window ends (a guard against guessing from many addresses). Default 50.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int AccountFailureLimit { get; set; } = 50;

    /// <summary>The window of <see cref="AccountFailureLimit"/>, from the first wrong password. Default 15 minutes.</summary>
    public TimeSpan AccountFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How often a web session's cookie is checked against the user's security stamp, so "sign out everywhere" or a
    /// password change ends the other sessions within this time. Default one minute; zero checks every request.
    /// </summary>
    public TimeSpan SessionRevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}
