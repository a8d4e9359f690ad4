using System.Globalization;
using System.Xml.Linq;

namespace ApprovalFlow.Web.Tests.Designer;

/// <summary>
/// Compares a BPMN file with the file the designer saved from it, ignoring formatting: every element of the
/// original must be in the saved file under the same nearest id, with at least the same attributes (values compared
/// as numbers where they are numbers, <c>xsi:type</c> as a resolved name) and the same text.
/// </summary>
internal static class BpmnRoundTrip
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Attributes written with their BPMN 2.0.2 XSD default value, which bpmn-js leaves out when it saves (the same meaning).</summary>
    private static readonly HashSet<string> Defaults = new(StringComparer.Ordinal)
    {
        "typeLanguage=http://www.w3.org/2001/XMLSchema", "startQuantity=1", "completionQuantity=1", "isForCompensation=false",
        "textFormat=text/plain", "isClosed=false", "processType=None", "gatewayDirection=Unspecified", "associationDirection=None",
        "isInterrupting=true", "isCollection=false",
    };

    /// <summary>What of <paramref name="original"/> is missing or different in <paramref name="saved"/>, one line per element; empty when nothing is lost.</summary>
    public static IReadOnlyList<string> Losses(string original, string saved)
    {
        var kept = XDocument.Parse(saved).Descendants().ToLookup(Place);
        var losses = new List<string>();
        foreach (var element in XDocument.Parse(original).Descendants())
        {
            var attributes = Attributes(element);
            var text = element.HasElements ? string.Empty : element.Value.Trim();
            var candidates = kept[Place(element)].Where(c => (c.HasElements ? string.Empty : c.Value.Trim()) == text).ToList();
            var missing = candidates.Count == 0
                ? attributes.ToList()
                : candidates.Select(c => attributes.Where(a => !Attributes(c).Contains(a) && !Defaults.Contains(a)).ToList()).MinBy(m => m.Count)!;
            if (candidates.Count == 0 || missing.Count > 0)
            {
                losses.Add($"{Place(element)} '{text}': {(candidates.Count == 0 ? "element missing" : string.Join(", ", missing))}");
            }
        }

        return losses;
    }

    /// <summary>The ids of every element of <paramref name="xml"/>.</summary>
    public static IReadOnlySet<string> Ids(string xml) =>
        XDocument.Parse(xml).Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToHashSet(StringComparer.Ordinal);

    private static string Place(XElement element)
    {
        var owner = element.AncestorsAndSelf().FirstOrDefault(e => e.Attribute("id") is not null);
        return $"{(string?)owner?.Attribute("id")}/{(owner == element ? string.Empty : string.Join("/", element.AncestorsAndSelf().TakeWhile(e => e != owner).Reverse().Select(e => e.Name.ToString())))}/{element.Name}";
    }

    private static HashSet<string> Attributes(XElement element) =>
        element.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => $"{a.Name}={Value(element, a)}").ToHashSet(StringComparer.Ordinal);

    private static string Value(XElement element, XAttribute attribute)
    {
        if (attribute.Name == Xsi + "type")
        {
            var parts = attribute.Value.Split(':', 2);
            return parts.Length == 2 ? ((element.GetNamespaceOfPrefix(parts[0]) ?? XNamespace.None) + parts[1]).ToString() : (element.GetDefaultNamespace() + parts[0]).ToString();
        }

        return double.TryParse(attribute.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number.ToString(CultureInfo.InvariantCulture)
            : attribute.Value;
    }
}
