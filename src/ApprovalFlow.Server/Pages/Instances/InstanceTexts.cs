namespace ApprovalFlow.Server.Pages.Instances;

/// <summary>Texts of the instance pages and the diagram (<c>InstanceTexts.fa.resx</c>, <c>InstanceTexts.en.resx</c>).</summary>
public sealed class InstanceTexts;
