using ApprovalFlow.Server.Features.Planning.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Data;

/// <summary>
/// The one database of ApprovalFlow (architecture decision 3): Identity, directory, definitions,
/// instances, inbox, history, incidents, outbox, timers, subscriptions, calendar closures and the comments and
/// attachments of tasks, the migrations of instances and the plan's content (cycles, stakeholders,
/// sessions, items, decisions) and the ASP.NET Core Data Protection keys every node shares, all in schema <c>approvalflow</c> with snake_case names.
/// </summary>
/// <remarks>
/// Add a migration with
/// <c>dotnet ef migrations add NAME --project src/ApprovalFlow.Server --output-dir Data/Migrations</c>.
/// </remarks>
/// <param name="options">The context options.</param>
public sealed class ApprovalFlowDbContext(DbContextOptions<ApprovalFlowDbContext> options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// The Data Protection key ring (sign-in cookies, bearer and refresh tokens, antiforgery), shared by every node on the
    /// database so a token issued by one node is accepted by the others and survives restarts and new releases.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The schema of every table.</summary>
    public const string Schema = "approvalflow";

    /// <summary>Deployed definition versions.</summary>
    public DbSet<ProcessDefinitionRecord> Definitions => Set<ProcessDefinitionRecord>();

    /// <summary>Deployed task form versions.</summary>
    public DbSet<FormRecord> Forms => Set<FormRecord>();

    /// <summary>Process instances.</summary>
    public DbSet<ProcessInstanceRecord> Instances => Set<ProcessInstanceRecord>();

    /// <summary>Inbox rows.</summary>
    public DbSet<UserTaskRecord> Tasks => Set<UserTaskRecord>();

    /// <summary>History events.</summary>
    public DbSet<HistoryEventRecord> History => Set<HistoryEventRecord>();

    /// <summary>Incidents.</summary>
    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();

    /// <summary>Outbox of intents.</summary>
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    /// <summary>Pending timers.</summary>
    public DbSet<TimerRecord> Timers => Set<TimerRecord>();

    /// <summary>Schedules of the timer start events of the latest definition versions.</summary>
    public DbSet<TimerStartScheduleRecord> TimerStartSchedules => Set<TimerStartScheduleRecord>();

    /// <summary>Firings of timer start events and the instances they started.</summary>
    public DbSet<TimerStartFiringRecord> TimerStartFirings => Set<TimerStartFiringRecord>();

    /// <summary>Message subscriptions.</summary>
    public DbSet<MessageSubscriptionRecord> Subscriptions => Set<MessageSubscriptionRecord>();

    /// <summary>Instances waiting for signals, by signal name.</summary>
    public DbSet<SignalSubscriptionRecord> SignalSubscriptions => Set<SignalSubscriptionRecord>();

    /// <summary>Signal broadcasts.</summary>
    public DbSet<SignalDeliveryRecord> SignalDeliveries => Set<SignalDeliveryRecord>();

    /// <summary>The targets of signal broadcasts and whether each was delivered.</summary>
    public DbSet<SignalDeliveryTargetRecord> SignalDeliveryTargets => Set<SignalDeliveryTargetRecord>();

    /// <summary>Directory groups.</summary>
    public DbSet<DirectoryGroup> Groups => Set<DirectoryGroup>();

    /// <summary>Group memberships.</summary>
    public DbSet<GroupMembership> Memberships => Set<GroupMembership>();

    /// <summary>Saved inbox views (per user).</summary>
    public DbSet<InboxViewRecord> InboxViews => Set<InboxViewRecord>();

    /// <summary>One-off closures of the business calendar.</summary>
    public DbSet<CalendarClosure> CalendarClosures => Set<CalendarClosure>();

    /// <summary>E-mail notifications, one per recipient.</summary>
    public DbSet<NotificationRecord> Notifications => Set<NotificationRecord>();

    /// <summary>Users' notification preferences.</summary>
    public DbSet<NotificationPreferenceRecord> NotificationPreferences => Set<NotificationPreferenceRecord>();

    /// <summary>The count of directory changes (one row), which tells a node whether what it read of its users still holds.</summary>
    public DbSet<DirectoryStampRecord> DirectoryStamps => Set<DirectoryStampRecord>();
    /// <summary>Comments on user tasks.</summary>
    public DbSet<TaskCommentRecord> TaskComments => Set<TaskCommentRecord>();

    /// <summary>Files attached to user tasks.</summary>
    public DbSet<TaskAttachmentRecord> TaskAttachments => Set<TaskAttachmentRecord>();

    /// <summary>Service tasks offered to outside workers (Camunda 7 external tasks).</summary>
    public DbSet<Features.ExternalTasks.ExternalTaskRecord> ExternalTasks => Set<Features.ExternalTasks.ExternalTaskRecord>();

    /// <summary>Designer drafts, one per definition key and user.</summary>
    public DbSet<DefinitionDraftRecord> DefinitionDrafts => Set<DefinitionDraftRecord>();

    /// <summary>Mid-term plan cycles.</summary>
    public DbSet<PlanCycleRecord> PlanCycles => Set<PlanCycleRecord>();

    /// <summary>Stakeholder registers of the cycles.</summary>
    public DbSet<StakeholderRecord> Stakeholders => Set<StakeholderRecord>();

    /// <summary>Invitations of registered stakeholders to working groups' sessions.</summary>
    public DbSet<Features.Planning.Stakeholders.StakeholderInvitationRecord> StakeholderInvitations => Set<Features.Planning.Stakeholders.StakeholderInvitationRecord>();

    /// <summary>Working-group sessions.</summary>
    public DbSet<WorkingGroupSessionRecord> Sessions => Set<WorkingGroupSessionRecord>();

    /// <summary>Attendees of working-group sessions.</summary>
    public DbSet<SessionAttendeeRecord> SessionAttendees => Set<SessionAttendeeRecord>();

    /// <summary>Plan items (problems, strategies, executive policies, projects).</summary>
    public DbSet<PlanItemRecord> PlanItems => Set<PlanItemRecord>();

    /// <summary>Plan items their working groups deleted while drafts: who, when, which title.</summary>
    public DbSet<PlanItemDeletionRecord> PlanItemDeletions => Set<PlanItemDeletionRecord>();

    /// <summary>Links between plan items (problem → strategy → executive policy → project).</summary>
    public DbSet<PlanItemLinkRecord> PlanItemLinks => Set<PlanItemLinkRecord>();

    /// <summary>The sessions plan items came from.</summary>
    public DbSet<PlanItemSessionRecord> PlanItemSessions => Set<PlanItemSessionRecord>();

    /// <summary>Bodies' decisions on the plan.</summary>
    public DbSet<StageDecisionRecord> StageDecisions => Set<StageDecisionRecord>();

    /// <summary>Bodies' comments on items, and the items sent back.</summary>
    public DbSet<StageDecisionItemRecord> StageDecisionItems => Set<StageDecisionItemRecord>();

    /// <summary>Files attached to working-group sessions.</summary>
    public DbSet<Features.Planning.Sessions.SessionAttachmentRecord> SessionAttachments => Set<Features.Planning.Sessions.SessionAttachmentRecord>();

    /// <summary>Working groups' decisions on their findings (agree or send back).</summary>
    public DbSet<Features.Planning.Items.WorkingGroupAgreementRecord> WorkingGroupAgreements => Set<Features.Planning.Items.WorkingGroupAgreementRecord>();
    /// <summary>Duplicate suggestions the planning office dismissed.</summary>
    public DbSet<DuplicateDismissalRecord> DuplicateDismissals => Set<DuplicateDismissalRecord>();

    /// <summary>Originals of consolidated items, with their status before the merge.</summary>
    public DbSet<PlanItemMergeRecord> PlanItemMerges => Set<PlanItemMergeRecord>();

    /// <summary>Prioritisation criteria and weights per cycle.</summary>
    public DbSet<PriorityCriterionRecord> PriorityCriteria => Set<PriorityCriterionRecord>();

    /// <summary>Scores of items per criterion.</summary>
    public DbSet<PriorityScoreRecord> PriorityScores => Set<PriorityScoreRecord>();

    /// <summary>AHP pairwise comparisons of the criteria per cycle.</summary>
    public DbSet<PriorityComparisonRecord> PriorityComparisons => Set<PriorityComparisonRecord>();

    /// <summary>Rotating refresh tokens (SHA-256 only) and their families.</summary>
    public DbSet<Features.Auth.Tokens.RefreshTokenRecord> RefreshTokens => Set<Features.Auth.Tokens.RefreshTokenRecord>();

    /// <summary>Wrong-password counts per account and client, and the waits they earned.</summary>
    public DbSet<Features.Auth.Protection.SignInThrottleRecord> SignInThrottles => Set<Features.Auth.Protection.SignInThrottleRecord>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.HasPostgresExtension("pg_trgm"); // Trigram indexes for substring search (user_tasks.search_key).
        builder.ApplyConfigurationsFromAssembly(typeof(ApprovalFlowDbContext).Assembly);
        builder.Entity<ApplicationUser>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.DisplayName).HasMaxLength(200);
        });
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityRole>().ToTable("roles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserRole<string>>().ToTable("user_roles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().ToTable("user_tokens");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityRoleClaim<string>>().ToTable("role_claims");
    }
}
