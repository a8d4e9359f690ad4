namespace ApprovalFlow.Server.Features.Planning;

/// <summary>A theme (axis, محور) of the mid-term plan, as named in the domain glossary.</summary>
/// <param name="Id">Code id, e.g. <c>urban-identity</c>.</param>
/// <param name="Name">Persian name shown in the UI, e.g. هویت شهری.</param>
public sealed record PlanningTheme(string Id, string Name);

/// <summary>A code id of the glossary with its Persian name, e.g. <c>citizens</c> / شهروندان.</summary>
/// <param name="Id">Code id.</param>
/// <param name="Name">Persian name shown in the UI.</param>
public sealed record PlanningTerm(string Id, string Name);

/// <summary>
/// The fixed vocabulary of the mid-term plan (<c>shared/domain/glossary.md</c>): the six themes, the
/// six stakeholder groups, the nine information sources and the three working-group levels, each in the glossary's order, which is also the order of the
/// <c>directory.working-groups</c> output.
/// </summary>
public static class PlanningVocabulary
{
    /// <summary>The six themes in glossary order.</summary>
    public static IReadOnlyList<PlanningTheme> Themes { get; } =
    [
        new("urban-identity", "هویت شهری"),
        new("urban-fabric", "کالبد شهری"),
        new("urban-diplomacy", "دیپلماسی شهری"),
        new("urban-economy", "اقتصاد شهری"),
        new("urban-environment", "محیط زیست شهری"),
        new("urban-management", "مدیریت شهری"),
    ];

    /// <summary>The working-group levels in glossary order: <c>headquarters</c> (ستادی), <c>organization</c> (سازمانی), <c>region</c> (منطقه‌ای).</summary>
    public static IReadOnlyList<string> Levels { get; } = ["headquarters", "organization", "region"];

    /// <summary>The six stakeholder groups in glossary order (code id, Persian name).</summary>
    public static IReadOnlyList<PlanningTerm> StakeholderGroups { get; } =
    [
        new("citizens", "شهروندان"),
        new("civil-society", "نهادهای مردمی و انجمن‌های رسمی و غیررسمی"),
        new("urban-elites", "نخبگان شهری"),
        new("city-council", "شورای اسلامی شهر"),
        new("municipal-staff", "بدنه شهرداری"),
        new("provincial-agencies", "سایر دستگاه‌های اجرایی در سطح استان"),
    ];

    /// <summary>The nine information sources in glossary order (code id, Persian name).</summary>
    public static IReadOnlyList<PlanningTerm> InformationSources { get; } =
    [
        new("council-interviews", "مصاحبه با اعضای شورای اسلامی شهر"),
        new("neighbourhood-councils", "شورای اجتماعی محلات"),
        new("citizen-surveys", "نظرسنجی شهروندی («شهر من» و سامانه ۱۳۷)"),
        new("upstream-documents", "خوانش اسناد فرادست"),
        new("elite-interviews", "مصاحبه با نخبگان شهری و موضوعی"),
        new("agency-interviews", "مصاحبه با دستگاه‌های اجرایی شهری"),
        new("civil-society-dialogues", "نشست‌های گفتمانی با نهادهای مردمی و انجمن‌ها"),
        new("organizational-trends", "روندهای سازمانی و فرایندهای کلان"),
        new("suggestion-system-events", "رویدادهای نوآورانه نظام پیشنهادات"),
    ];

    /// <summary>The bodies of the approval pipeline, in stage order; each has a secretariat and a chair group.</summary>
    public static IReadOnlyList<string> Bodies { get; } = ["compilation-committee", "commission", "supreme-council", "city-council"];

    /// <summary>Position of <paramref name="themeId"/> in <see cref="Themes"/>, or -1 when it is not a theme.</summary>
    /// <param name="themeId">A theme id.</param>
    /// <returns>0 to 5, or -1.</returns>
    public static int ThemeOrder(string themeId) => Themes.Select(t => t.Id).ToList().IndexOf(themeId);

    /// <summary>Position of <paramref name="level"/> in <see cref="Levels"/>, or -1 when it is not a level.</summary>
    /// <param name="level">A level id.</param>
    /// <returns>0 to 2, or -1.</returns>
    public static int LevelOrder(string level) => Levels.ToList().IndexOf(level);
}

/// <summary>
/// Kinds of directory groups of the planning directory (<c>deploy/seed/README.md</c>); the
/// attributes each kind carries are the records in <c>PlanningGroupAttributes.cs</c>.
/// </summary>
public static class PlanningGroupKinds
{
    /// <summary>An organisational unit (deputy, office, organisation, region); attributes <see cref="UnitAttributes"/> optional.</summary>
    public const string Unit = "unit";

    /// <summary>A specialised working group (all its members); attributes <see cref="WorkingGroupAttributes"/> required.</summary>
    public const string WorkingGroup = "working-group";

    /// <summary>The secretaries of a working group; attributes <see cref="WorkingGroupRoleAttributes"/> optional.</summary>
    public const string WorkingGroupSecretary = "working-group-secretary";

    /// <summary>The chair of a working group; attributes <see cref="WorkingGroupRoleAttributes"/> optional.</summary>
    public const string WorkingGroupChair = "working-group-chair";

    /// <summary>The coordinators of one theme in the planning office; attributes <see cref="ThemeCoordinatorsAttributes"/> required.</summary>
    public const string ThemeCoordinators = "theme-coordinators";

    /// <summary>The secretariat of a body (committee, commission, council); attributes <see cref="BodyAttributes"/> optional.</summary>
    public const string BodySecretariat = "body-secretariat";

    /// <summary>The chair of a body; attributes <see cref="BodyAttributes"/> optional.</summary>
    public const string BodyChair = "body-chair";
}
