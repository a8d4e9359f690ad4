using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Auth.Protection;
using ApprovalFlow.Server.Features.Auth.Tokens;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Auth;

[Collection(SignInProtectionGroup.Name)]
public sealed class SignInCleanupJobTests(SignInProtectionFixture service)
{
    [Fact]
    public async Task The_job_deletes_expired_refresh_tokens_and_old_counts_and_keeps_the_rest()
    {
        var user = await service.CreateUserAsync("sohrab", [Roles.Official]);
        var now = DateTimeOffset.UtcNow;
        var expired = Token(user, now.AddDays(-20), now.AddDays(-6));
        var live = Token(user, now, now.AddDays(14));
        var oldKey = $"cleanup-old-{Guid.NewGuid():N}"[..40];
        var blockedKey = $"cleanup-blocked-{Guid.NewGuid():N}"[..40];
        await using (var scope = service.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            db.RefreshTokens.AddRange(expired, live);
            db.SignInThrottles.AddRange(
                new SignInThrottleRecord { Key = oldKey, Failures = 3, WindowStart = now.AddDays(-3), LastFailureAt = now.AddDays(-3) },
                new SignInThrottleRecord { Key = blockedKey, Failures = 9, WindowStart = now.AddDays(-3), LastFailureAt = now.AddDays(-3), BlockedUntil = now.AddHours(1) });
            await db.SaveChangesAsync();
        }

        await using (var scope = service.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SignInCleanupJob>().RunAsync(CancellationToken.None);
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            Assert.Equal([live.Id], await db.RefreshTokens.Where(t => t.UserId == user.Id).Select(t => t.Id).ToListAsync());
            Assert.Equal([blockedKey], await db.SignInThrottles.Where(t => t.Key == oldKey || t.Key == blockedKey).Select(t => t.Key).ToListAsync());
        }
    }

    private static RefreshTokenRecord Token(ApplicationUser user, DateTimeOffset created, DateTimeOffset expires) => new()
    {
        Id = Guid.CreateVersion7(), FamilyId = Guid.CreateVersion7(), UserId = user.Id, TokenHash = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32),
        SecurityStamp = user.SecurityStamp!, CreatedAt = created, ExpiresAt = expires,
    };
}
