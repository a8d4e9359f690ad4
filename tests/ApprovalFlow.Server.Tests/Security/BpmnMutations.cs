using System.Text;
using System.Xml.Linq;

namespace ApprovalFlow.Server.Tests.Security;

/// <summary>
/// Deterministic mutations of BPMN files for the fuzzing tests: structural ones on the parsed document (a dropped
/// attribute or element, swapped or duplicated ids, a duplicated element, a garbage value) and byte-level ones (a
/// truncated file, invalid UTF-8, byte-order marks, entity expansion and external entities, deep nesting, a huge file).
/// The same seed always gives the same mutations.
/// </summary>
internal static class BpmnMutations
{
    /// <summary>A named mutated file.</summary>
    public sealed record Mutant(string Name, byte[] Bytes);

    private static readonly string[] Garbage =
    [
        string.Empty, " ", "${", "${x", "${while(true){}}", "}", "\u202Eevil", "<&>", new string('x', 10_000), "-1", "P-1D", "R/P1D", "1e400", "😀", "null", "\u200C",
    ];

    /// <summary><paramref name="count"/> structural mutations of <paramref name="xml"/>, from <paramref name="seed"/>.</summary>
    public static IEnumerable<Mutant> Structural(string name, string xml, int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var document = XDocument.Parse(xml, LoadOptions.PreserveWhitespace);
            var elements = document.Descendants().ToList();
            var withIds = elements.Where(e => e.Attribute("id") is not null).ToList();
            var kind = random.Next(6);
            string what;
            switch (kind)
            {
                case 0:
                    var attributes = elements.SelectMany(e => e.Attributes()).Where(a => !a.IsNamespaceDeclaration).ToList();
                    var dropped = attributes[random.Next(attributes.Count)];
                    what = $"drop @{dropped.Name.LocalName} of {dropped.Parent!.Name.LocalName}";
                    dropped.Remove();
                    break;
                case 1 when withIds.Count >= 2:
                    var (a, b) = (withIds[random.Next(withIds.Count)], withIds[random.Next(withIds.Count)]);
                    what = $"swap ids {a.Attribute("id")!.Value} and {b.Attribute("id")!.Value}";
                    (a.Attribute("id")!.Value, b.Attribute("id")!.Value) = (b.Attribute("id")!.Value, a.Attribute("id")!.Value);
                    break;
                case 2 when withIds.Count >= 2:
                    var (copy, target) = (withIds[random.Next(withIds.Count)], withIds[random.Next(withIds.Count)]);
                    what = $"id {target.Attribute("id")!.Value} := {copy.Attribute("id")!.Value}";
                    target.Attribute("id")!.Value = copy.Attribute("id")!.Value;
                    break;
                case 3 when elements.Count > 1:
                    var removed = elements[1 + random.Next(elements.Count - 1)];
                    what = $"remove {removed.Name.LocalName} {removed.Attribute("id")?.Value}";
                    removed.Remove();
                    break;
                case 4 when elements.Count > 1:
                    var duplicated = elements[1 + random.Next(elements.Count - 1)];
                    what = $"duplicate {duplicated.Name.LocalName} {duplicated.Attribute("id")?.Value}";
                    duplicated.AddAfterSelf(new XElement(duplicated));
                    break;
                default:
                    var values = elements.SelectMany(e => e.Attributes()).Where(a => !a.IsNamespaceDeclaration).ToList();
                    var changed = values[random.Next(values.Count)];
                    var value = Garbage[random.Next(Garbage.Length)];
                    what = $"@{changed.Name.LocalName} of {changed.Parent!.Name.LocalName} := '{(value.Length > 20 ? value[..20] + "…" : value)}'";
                    changed.Value = value;
                    break;
            }

            yield return new Mutant($"{name} #{i}: {what}", Encoding.UTF8.GetBytes(document.ToString(SaveOptions.DisableFormatting)));
        }
    }

    /// <summary>Byte-level and document-level mutations of <paramref name="xml"/>, from <paramref name="seed"/>.</summary>
    public static IEnumerable<Mutant> Raw(string name, string xml, int seed)
    {
        var random = new Random(seed);
        var bytes = Encoding.UTF8.GetBytes(xml);
        yield return new Mutant($"{name}: truncated", bytes[..random.Next(1, bytes.Length)]);
        var flipped = (byte[])bytes.Clone();
        for (var i = 0; i < 5; i++)
        {
            flipped[random.Next(flipped.Length)] = (byte)(0x80 | random.Next(0x80));
        }

        yield return new Mutant($"{name}: invalid UTF-8 bytes", flipped);
        yield return new Mutant($"{name}: UTF-8 BOM", [0xEF, 0xBB, 0xBF, .. bytes]);
        yield return new Mutant($"{name}: UTF-16 BOM on UTF-8 text", [0xFF, 0xFE, .. bytes]);
        yield return new Mutant($"{name}: UTF-16 LE with BOM", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(xml)]);
        yield return new Mutant($"{name}: NUL byte", [.. bytes[..(bytes.Length / 2)], 0, .. bytes[(bytes.Length / 2)..]]);
    }

    /// <summary>Hostile documents: external entities, entity expansion, deep nesting, a huge file, not XML at all.</summary>
    public static IEnumerable<Mutant> Hostile()
    {
        const string Head = """<?xml version="1.0" encoding="UTF-8"?>""";
        const string Definitions = """<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="http://t">""";
        string Process(string name) => $"""<bpmn:process id="fuzz_hostile" name="{name}" isExecutable="true"><bpmn:startEvent id="S"/></bpmn:process></bpmn:definitions>""";
        yield return Text("XXE file", $"""{Head}<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>{Definitions}{Process("&xxe;")}""");
        yield return Text("XXE http", $"""{Head}<!DOCTYPE d [<!ENTITY xxe SYSTEM "http://127.0.0.1:1/x">]>{Definitions}{Process("&xxe;")}""");
        yield return Text("external DTD", $"""{Head}<!DOCTYPE d SYSTEM "http://127.0.0.1:1/x.dtd">{Definitions}{Process("p")}""");
        var laughs = new StringBuilder("""<!DOCTYPE d [<!ENTITY l0 "lol">""");
        for (var i = 1; i < 10; i++)
        {
            laughs.Append(System.Globalization.CultureInfo.InvariantCulture, $"""<!ENTITY l{i} "&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};">""");
        }

        yield return Text("billion laughs", $"{Head}{laughs}]>{Definitions}{Process("&l9;")}");
        yield return Text("deep nesting 10,000", $"{Head}{Definitions}{string.Concat(Enumerable.Repeat("<bpmn:extensionElements>", 10_000))}{string.Concat(Enumerable.Repeat("</bpmn:extensionElements>", 10_000))}{Process("deep")}");
        yield return Text("deep unclosed nesting 10,000", $"{Head}{Definitions}{string.Concat(Enumerable.Repeat("<a>", 10_000))}");
        yield return Text("huge 10 MB", $"{Head}{Definitions}<bpmn:process id=\"fuzz_huge\" isExecutable=\"true\"><bpmn:documentation>{new string('x', 10 * 1024 * 1024)}</bpmn:documentation><bpmn:startEvent id=\"S\"/></bpmn:process></bpmn:definitions>");
        var chain = new StringBuilder($"{Head}{Definitions}<bpmn:process id=\"fuzz_long_chain\" isExecutable=\"true\"><bpmn:startEvent id=\"S\"/>");
        for (var i = 0; i < 3000; i++)
        {
            chain.Append(System.Globalization.CultureInfo.InvariantCulture, $"<bpmn:manualTask id=\"T{i}\"/><bpmn:sequenceFlow id=\"F{i}\" sourceRef=\"{(i == 0 ? "S" : $"T{i - 1}")}\" targetRef=\"T{i}\"/>");
        }

        yield return Text("3,000 chained tasks", chain.Append("<bpmn:endEvent id=\"E\"/><bpmn:sequenceFlow id=\"FE\" sourceRef=\"T2999\" targetRef=\"E\"/></bpmn:process></bpmn:definitions>").ToString());
        yield return Text("empty", string.Empty);
        yield return Text("JSON instead of XML", "{\"definitions\": []}");
        yield return Text("root only", $"{Head}{Definitions}</bpmn:definitions>");
        yield return Text("wrong namespace", """<definitions xmlns="http://example.com/not-bpmn"><process id="p"/></definitions>""");
        yield return Text("processing instruction and CDATA", $"{Head}<?php evil() ?>{Definitions}<![CDATA[x]]>{Process("cdata")}");
    }

    private static Mutant Text(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));
}
