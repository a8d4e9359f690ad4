namespace ApprovalFlow.Server.Web.Oidc;

/// <summary>Log messages of the single sign-on.</summary>
internal static partial class OidcLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Single sign-on: {UserId} signed in as {Identifier}")]
    public static partial void SignedIn(ILogger logger, string userId, string identifier);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on refused: no directory user has {MatchUserBy} {Identifier}")]
    public static partial void UnknownUser(ILogger logger, OidcUserMatch matchUserBy, string identifier);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on refused: {UserId} is locked out or may not sign in")]
    public static partial void UserLockedOut(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on refused: the provider's answer has no {UserClaim} claim")]
    public static partial void ClaimMissing(ILogger logger, string userClaim);
}
