namespace ApprovalFlow.Server.Features.Auth;

/// <summary>Log messages of sign-in and tokens (never an e-mail, password or token).</summary>
internal static partial class AuthLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in failed from client {Client}")]
    public static partial void SignInFailed(ILogger logger, string client);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused from client {Client}: too many attempts, retry in {Wait}")]
    public static partial void SignInRefused(ILogger logger, string client, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refresh token reused for user {UserId}: token family {FamilyId} revoked")]
    public static partial void RefreshTokenReused(ILogger logger, string userId, Guid familyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} signed out everywhere: {Revoked} refresh tokens revoked, security stamp changed")]
    public static partial void SignedOutEverywhere(ILogger logger, string userId, int revoked);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sign-in clean-up: {Tokens} expired refresh tokens and {Throttles} old sign-in counts deleted")]
    public static partial void CleanedUp(ILogger logger, int tokens, int throttles);
}
