using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;

namespace ApprovalFlow.Bpmn.Tests.Workflows;

/// <summary>
/// The definitions shipped in <c>workflows/</c> (deployed at start-up): valid, drawn (diagram
/// interchange for every flow element), named in Persian, and every form they name exists and holds
/// the fields their conditions read.
/// </summary>
public partial class ShippedDefinitionsTests
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    private static readonly XNamespace Di = "http://www.omg.org/spec/DD/20100524/DI";

    private static readonly HashSet<string> FlowElementNames = new(StringComparer.Ordinal)
    {
        "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
        "task", "userTask", "serviceTask", "sendTask", "receiveTask", "scriptTask", "manualTask", "businessRuleTask",
        "callActivity", "subProcess", "transaction", "adHocSubProcess",
        "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway",
        "sequenceFlow",
    };

    private static readonly HashSet<string> JavaScriptWords = new(StringComparer.Ordinal)
    {
        "true", "false", "null", "undefined", "typeof", "instanceof", "in", "new", "this",
    };

    public static TheoryData<string> Definitions() => [.. WorkflowFiles().Select(f => Path.GetFileName(f))];

    [Fact]
    public void WorkflowsFolder_HoldsBothPipelineDefinitions()
    {
        Assert.Equal(["mid-term-plan.bpmn", "working-group.bpmn"], WorkflowFiles().Select(f => Path.GetFileName(f)));
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void Definition_ParsesAndValidatesWithoutErrors(string file)
    {
        var result = Parse(file);

        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => $"{e.ElementId} {e.Line}:{e.Column} {e.Code} {e.Message}")));
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void Definition_HasAShapeOrEdgeForEveryFlowElement(string file)
    {
        var xml = XDocument.Load(Path.Combine(WorkflowsFolder(), file));
        var flowElements = xml.Root!.Elements(Bpmn + "process")
            .SelectMany(p => p.Descendants())
            .Where(e => e.Name.Namespace == Bpmn && FlowElementNames.Contains(e.Name.LocalName))
            .ToList();
        var shapes = xml.Descendants(BpmnDi + "BPMNShape").ToDictionary(s => (string)s.Attribute("bpmnElement")!, StringComparer.Ordinal);
        var edges = xml.Descendants(BpmnDi + "BPMNEdge").ToDictionary(s => (string)s.Attribute("bpmnElement")!, StringComparer.Ordinal);

        Assert.NotEmpty(flowElements);
        foreach (var element in flowElements)
        {
            var id = (string)element.Attribute("id")!;
            if (element.Name.LocalName == "sequenceFlow")
            {
                Assert.True(edges.TryGetValue(id, out var edge), $"{file}: no BPMNEdge for sequence flow '{id}'");
                Assert.True(edge.Elements(Di + "waypoint").Count() >= 2, $"{file}: edge of '{id}' has fewer than two waypoints");
            }
            else
            {
                Assert.True(shapes.TryGetValue(id, out var shape), $"{file}: no BPMNShape for '{id}' ({element.Name.LocalName})");
                Assert.NotNull(shape.Element(Dc + "Bounds"));
            }
        }

        var ids = flowElements.Select(e => (string)e.Attribute("id")!).ToHashSet(StringComparer.Ordinal);
        var processIds = xml.Root!.Elements(Bpmn + "process").Select(p => (string)p.Attribute("id")!);
        Assert.All(shapes.Keys.Concat(edges.Keys), id => Assert.Contains(id, ids));
        Assert.All(xml.Descendants(BpmnDi + "BPMNPlane"), plane => Assert.Contains((string)plane.Attribute("bpmnElement")!, processIds));
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void Definition_NamesProcessesNodesAndConditionalFlowsInPersian(string file)
    {
        foreach (var process in Parse(file).Document!.Processes)
        {
            Assert.True(IsPersian(process.Name), $"{file}: process '{process.Id}' has no Persian name");
            Assert.All(process.Nodes.Values, node => Assert.True(IsPersian(node.Name), $"{file}: '{node.Id}' has no Persian name"));
            Assert.All(process.Flows.Values.Where(f => f.Condition is not null), flow => Assert.True(IsPersian(flow.Name), $"{file}: flow '{flow.Id}' has no Persian name"));
        }
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void EveryUserTask_HasAFormKeyWithAFormOfComponents(string file)
    {
        var userTasks = Parse(file).Document!.Processes.SelectMany(p => p.Nodes.Values).OfType<UserTask>().ToList();

        Assert.NotEmpty(userTasks);
        foreach (var task in userTasks)
        {
            Assert.False(string.IsNullOrEmpty(task.FormKey), $"{file}: user task '{task.Id}' has no camunda:formKey");
            if (task.FormKey!.StartsWith("page:", StringComparison.Ordinal))
            {
                continue; // A task page of the server (ITaskPage), not a form file.
            }

            var keys = FormKeys(task.FormKey!);
            Assert.NotEmpty(keys);
        }
    }

    /// <summary>
    /// Each condition reads only fields that the form of the user task right before its gateway
    /// requires, and compares them only with values that form offers: a decision from an earlier
    /// stage can never route a later gateway.
    /// </summary>
    [Theory]
    [MemberData(nameof(Definitions))]
    public void EveryCondition_ReadsRequiredFieldsOfTheTaskRightBeforeItsGateway(string file)
    {
        foreach (var process in Parse(file).Document!.Processes)
        {
            foreach (var flow in process.Flows.Values.Where(f => f.Condition is not null))
            {
                var gateway = process.Node(flow.SourceRef);
                var incoming = Assert.Single(gateway.Incoming);
                var task = Assert.IsType<UserTask>(process.Node(process.Flow(incoming).SourceRef));
                var fields = task.FormKey!.StartsWith("page:", StringComparison.Ordinal) ? PageVariables(task.FormKey) : FormKeys(task.FormKey);
                var script = flow.Condition!.Script!;

                foreach (Match literal in StringLiteral().Matches(script))
                {
                    Assert.Contains(fields.Values, f => f.Values.Contains(literal.Groups["value"].Value));
                }

                foreach (var name in Identifier().Matches(StringLiteral().Replace(script, "''")).Select(m => m.Value).Where(n => !JavaScriptWords.Contains(n)))
                {
                    Assert.True(fields.TryGetValue(name, out var field), $"{file}: flow '{flow.Id}' reads '{name}', which form '{task.FormKey}' of '{task.Id}' does not have");
                    Assert.True(field.Required, $"{file}: field '{name}' of form '{task.FormKey}' is not required");
                    Assert.NotEmpty(field.Values);
                }
            }
        }
    }

    /// <summary>
    /// Every form file is used by a shipped user task, or is one of the forms kept for process owners'
    /// own definitions (listed in <c>workflows/README.md</c>, offered by the designer's form picker).
    /// </summary>
    [Fact]
    public void EveryForm_IsUsedByAUserTask_OrListedAsAFormForOwnDefinitions()
    {
        var used = WorkflowFiles().SelectMany(f => Parse(Path.GetFileName(f)).Document!.Processes)
            .SelectMany(p => p.Nodes.Values).OfType<UserTask>().Select(t => t.FormKey).ToHashSet(StringComparer.Ordinal);
        var readme = File.ReadAllText(Path.Combine(WorkflowsFolder(), "README.md"));
        var kept = readme[readme.IndexOf("## Forms for process owners' own definitions", StringComparison.Ordinal)..];

        Assert.All(Directory.EnumerateFiles(Path.Combine(WorkflowsFolder(), "forms"), "*.form"), form =>
            Assert.True(used.Contains(Path.GetFileNameWithoutExtension(form)) || kept.Contains($"`{Path.GetFileNameWithoutExtension(form)}`", StringComparison.Ordinal), $"{form} is used by no shipped user task and not listed in workflows/README.md"));
    }

    /// <summary>
    /// The variables a task page gives the process on completion (the server's <c>ITaskPage.VariablesAsync</c>):
    /// <c>page:decision</c> and <c>page:agreement</c> give the recorded <c>decision</c> (approve or revise, always
    /// set) and its <c>comment</c>; the other pages give none.
    /// </summary>
    private static Dictionary<string, FormField> PageVariables(string formKey) => formKey switch
    {
        "page:decision" or "page:agreement" => new(StringComparer.Ordinal)
        {
            ["decision"] = new FormField(true, ["approve", "revise"]),
            ["comment"] = new FormField(false, []),
        },
        _ => new(StringComparer.Ordinal),
    };

    private static BpmnParseResult Parse(string file) => new BpmnParser().Parse(File.ReadAllText(Path.Combine(WorkflowsFolder(), file)));

    private static bool IsPersian(string? text) => text is not null && text.Any(c => c is >= '\u0600' and <= '\u06FF');

    private sealed record FormField(bool Required, IReadOnlyList<string> Values);

    /// <summary>The top-level fields of a form by key, dynamic lists by path (not the fields inside them).</summary>
    private static Dictionary<string, FormField> FormKeys(string formKey)
    {
        var path = Path.Combine(WorkflowsFolder(), "forms", formKey + ".form");
        Assert.True(File.Exists(path), $"form '{formKey}' has no file {path}");
        using var form = JsonDocument.Parse(File.ReadAllText(path));
        var root = form.RootElement;
        Assert.Equal("default", root.GetProperty("type").GetString());
        Assert.Equal(formKey, root.GetProperty("id").GetString());
        Assert.True(root.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array, $"form '{formKey}' has no components");

        var fields = new Dictionary<string, FormField>(StringComparer.Ordinal);
        foreach (var component in components.EnumerateArray())
        {
            if (component.TryGetProperty("key", out var key))
            {
                var required = component.TryGetProperty("validate", out var validate) && validate.TryGetProperty("required", out var r) && r.GetBoolean();
                var values = component.TryGetProperty("values", out var v) ? v.EnumerateArray().Select(x => x.GetProperty("value").GetString()!).ToList() : [];
                fields[key.GetString()!] = new FormField(required, values);
            }
            else if (component.TryGetProperty("path", out var listPath))
            {
                fields[listPath.GetString()!] = new FormField(false, []);
            }
        }

        return fields;
    }

    private static IEnumerable<string> WorkflowFiles() =>
        Directory.EnumerateFiles(WorkflowsFolder(), "*.bpmn").Order(StringComparer.Ordinal);

    private static string WorkflowsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ApprovalFlow.sln")))
            {
                return Path.Combine(dir.FullName, "workflows");
            }
        }

        throw new InvalidOperationException($"No ApprovalFlow.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"'(?<value>[^']*)'|""(?<value>[^""]*)""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"(?<![\w.$])[A-Za-z_$][\w$]*")]
    private static partial Regex Identifier();
}
