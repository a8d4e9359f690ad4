using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;

namespace ApprovalFlow.Bpmn.Tests;

/// <summary>Builds small BPMN files inline and parses them.</summary>
internal static class BpmnXml
{
    public const string Header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
        """;

    public static string Definitions(string content) => $"{Header}\n{content}\n</bpmn:definitions>";

    /// <summary>A process <c>P</c> with <paramref name="body"/>, after <paramref name="declarations"/> (messages, errors).</summary>
    public static string Process(string body, string declarations = "") =>
        Definitions($"{declarations}\n<bpmn:process id=\"P\" isExecutable=\"true\">\n{body}\n</bpmn:process>");

    /// <summary>A process: start event S → <paramref name="node"/> (with id <paramref name="nodeId"/>) → end event E.</summary>
    public static string Around(string node, string nodeId = "X", string declarations = "", string extra = "") =>
        Process($"""
            <bpmn:startEvent id="S" />
            {node}
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="{nodeId}" />
            <bpmn:sequenceFlow id="F2" sourceRef="{nodeId}" targetRef="E" />
            {extra}
            """, declarations);

    public static BpmnParseResult Parse(string xml) => new BpmnParser().Parse(xml);

    public static BpmnDocument Valid(string xml)
    {
        var result = Parse(xml);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Document!;
    }

    public static T Node<T>(string xml, string id = "X")
        where T : FlowNode => Assert.IsType<T>(Valid(xml).Processes[0].Node(id));

    /// <summary>The only error of <paramref name="xml"/>, asserting its code.</summary>
    public static BpmnDiagnostic SingleError(string xml, string code)
    {
        var result = Parse(xml);
        Assert.Null(result.Document);
        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        return error;
    }

    /// <summary>1-based line of the first line of <paramref name="xml"/> containing <paramref name="text"/>.</summary>
    public static int LineOf(string xml, string text) =>
        xml.Split('\n').Select((line, i) => (line, i)).First(l => l.line.Contains(text, StringComparison.Ordinal)).i + 1;

    public static string Fixture(string kind, string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", kind, name));
}
