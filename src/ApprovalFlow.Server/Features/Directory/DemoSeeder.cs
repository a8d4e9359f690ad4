using System.Diagnostics;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Directory;

/// <summary>What one run of <see cref="DemoSeeder"/> created; all zero when everything was there already.</summary>
/// <param name="RolesCreated">Roles created.</param>
/// <param name="GroupsCreated">Groups created.</param>
/// <param name="UsersCreated">Users created.</param>
/// <param name="RolesGranted">Roles given to users.</param>
/// <param name="MembershipsAdded">Group memberships added.</param>
/// <param name="AttributesAdded">Existing groups without attributes that got the file's attributes.</param>
internal sealed record DemoSeedSummary(int RolesCreated, int GroupsCreated, int UsersCreated, int RolesGranted, int MembershipsAdded, int AttributesAdded)
{
    /// <summary>Whether the run created nothing.</summary>
    public bool IsEmpty => RolesCreated + GroupsCreated + UsersCreated + RolesGranted + MembershipsAdded + AttributesAdded == 0;
}

/// <summary>
/// Seeds the demo data at start-up when <see cref="SeedOptions.Demo"/> is on (runs after the
/// <see cref="DatabaseMigrator"/>, which is registered first): the three roles, the admin
/// (<see cref="SeedOptions.AdminEmail"/>), the process owner <see cref="OwnerEmail"/>, and the groups and
/// officials of <see cref="SeedOptions.DirectoryFile"/>, every new user with <see cref="SeedOptions.DemoPassword"/>.
/// </summary>
/// <remarks>
/// Idempotent and additive: it creates only what is missing (roles, groups, users, role grants,
/// memberships, and the attributes of a group that has none) and never changes or removes anything, so a second run changes nothing and
/// passwords changed later stay. Several servers starting at once serialise on a PostgreSQL
/// advisory lock held for the seed's one transaction.
/// </remarks>
internal sealed class DemoSeeder(IServiceScopeFactory scopes, IOptions<SeedOptions> options, IHostEnvironment environment, ILogger<DemoSeeder> logger) : IHostedService
{
    /// <summary>E-mail of the demo process owner.</summary>
    public const string OwnerEmail = "owner@approvalflow.local";

    /// <summary>Display name of the demo admin.</summary>
    public const string AdminDisplayName = "مدیر سامانه";

    /// <summary>Display name of the demo process owner.</summary>
    public const string OwnerDisplayName = "مالک فرایند";

    /// <summary>Key of the advisory lock that serialises concurrent seeds.</summary>
    private const long SeedLockKey = 0x4166_5365_6564; // "AfSeed"

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Demo)
        {
            DirectoryLog.SeedSkipped(logger);
            return;
        }

        await SeedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Seeds regardless of <see cref="SeedOptions.Demo"/>; returns what it created.</summary>
    /// <exception cref="DemoSeedException">The directory file is missing or invalid, or Identity refused a user or role.</exception>
    public async Task<DemoSeedSummary> SeedAsync(CancellationToken cancellationToken)
    {
        var began = Stopwatch.GetTimestamp();
        var seed = options.Value;
        var path = seed.ResolveDirectoryFile(environment.ContentRootPath)
            ?? throw new DemoSeedException($"Seed:DirectoryFile '{seed.DirectoryFile}' was not found (looked at {string.Join(" and ", seed.DirectoryFileCandidates(environment.ContentRootPath))}).");
        var directory = await DemoDirectory.LoadAsync(path, cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var run = new Run(
            db,
            scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
            scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>(),
            seed.DemoPassword,
            logger);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", cancellationToken);
        foreach (var role in Roles.All)
        {
            await run.EnsureRoleAsync(role);
        }

        await run.EnsureGroupsAsync(directory.Groups, cancellationToken);
        await run.EnsureUsersAsync(
            [
                new DirectoryFileUser(seed.AdminEmail, AdminDisplayName, [Roles.Admin]),
                new DirectoryFileUser(OwnerEmail, OwnerDisplayName, [Roles.ProcessOwner]),
                .. directory.Users,
            ],
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var summary = run.Summary;
        var elapsedMs = (long)Stopwatch.GetElapsedTime(began).TotalMilliseconds;
        DirectoryLog.SeedDone(logger, path, summary.RolesCreated, summary.GroupsCreated, summary.UsersCreated, summary.RolesGranted, summary.MembershipsAdded, summary.AttributesAdded, elapsedMs);
        return summary;
    }

    /// <summary>One seed run: the scoped services and what it created so far.</summary>
    private sealed class Run(ApprovalFlowDbContext db, UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, string password, ILogger logger)
    {
        private int _rolesCreated;
        private int _groupsCreated;
        private int _usersCreated;
        private int _rolesGranted;
        private int _membershipsAdded;
        private int _attributesAdded;

        /// <summary>
        /// The demo password hashed once per run and shared by the users it creates (they all have the
        /// same, published password, and its rules are checked at start by <see cref="SeedOptionsValidator"/>):
        /// hashing is deliberately slow (~50–100 ms), so hashing per user would make seeding a directory of
        /// a hundred users take seconds.
        /// </summary>
        private string? _passwordHash;

        public DemoSeedSummary Summary => new(_rolesCreated, _groupsCreated, _usersCreated, _rolesGranted, _membershipsAdded, _attributesAdded);

        public async Task EnsureRoleAsync(string role)
        {
            if (await roles.RoleExistsAsync(role))
            {
                return;
            }

            Check(await roles.CreateAsync(new IdentityRole(role)), $"role '{role}'");
            _rolesCreated++;
            DirectoryLog.RoleCreated(logger, role);
        }

        public async Task EnsureGroupsAsync(IReadOnlyList<DirectoryFileGroup> groups, CancellationToken cancellationToken)
        {
            var ids = groups.Select(g => g.Id).ToList();
            var existing = await db.Groups.Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, StringComparer.Ordinal, cancellationToken);
            foreach (var group in groups)
            {
                if (!existing.TryGetValue(group.Id, out var stored))
                {
                    db.Groups.Add(new DirectoryGroup { Id = group.Id, Name = group.Name, Kind = group.Kind, Attributes = group.Attributes });
                    _groupsCreated++;
                    DirectoryLog.GroupCreated(logger, group.Id, group.Name, group.Kind);
                }
                else if (stored.Attributes is null && group.Attributes is not null)
                {
                    stored.Attributes = group.Attributes;
                    _attributesAdded++;
                    DirectoryLog.AttributesAdded(logger, group.Id);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        /// <summary>
        /// Creates the missing users, role grants and memberships of <paramref name="entries"/>. What exists
        /// is read in three queries up front, so a run with nothing to do costs no query per user.
        /// </summary>
        public async Task EnsureUsersAsync(IReadOnlyList<DirectoryFileUser> entries, CancellationToken cancellationToken)
        {
            var emails = entries.Select(e => users.NormalizeEmail(e.Email)).ToList();
            var existing = await db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).ToDictionaryAsync(u => u.NormalizedEmail!, StringComparer.Ordinal, cancellationToken);
            var ids = existing.Values.Select(u => u.Id).ToList();
            var granted = (await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                    .ToListAsync(cancellationToken))
                .Select(g => (g.UserId, g.Name!)).ToHashSet();
            var memberships = (await db.Memberships.Where(m => ids.Contains(m.UserId)).Select(m => new { m.UserId, m.GroupId }).ToListAsync(cancellationToken))
                .Select(m => (m.UserId, m.GroupId)).ToHashSet();

            foreach (var entry in entries)
            {
                if (!existing.TryGetValue(users.NormalizeEmail(entry.Email), out var user))
                {
                    user = new ApplicationUser { UserName = entry.Email, Email = entry.Email, EmailConfirmed = true, DisplayName = entry.DisplayName };
                    _passwordHash ??= users.PasswordHasher.HashPassword(user, password);
                    user.PasswordHash = _passwordHash;
                    Check(await users.CreateAsync(user), $"user '{entry.Email}'");
                    existing[users.NormalizeEmail(entry.Email)] = user;
                    _usersCreated++;
                    DirectoryLog.UserCreated(logger, entry.Email, entry.DisplayName);
                }

                foreach (var role in entry.RolesOrDefault.Where(r => !granted.Contains((user.Id, r))))
                {
                    Check(await users.AddToRoleAsync(user, role), $"role '{role}' of user '{entry.Email}'");
                    _rolesGranted++;
                    DirectoryLog.RoleGranted(logger, entry.Email, role);
                }

                foreach (var group in entry.GroupsOrEmpty.Where(g => memberships.Add((user.Id, g))))
                {
                    db.Memberships.Add(new GroupMembership { GroupId = group, UserId = user.Id });
                    _membershipsAdded++;
                    DirectoryLog.MembershipAdded(logger, entry.Email, group);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        private static void Check(IdentityResult result, string what)
        {
            if (!result.Succeeded)
            {
                throw new DemoSeedException($"Identity refused to create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }
        }
    }
}
