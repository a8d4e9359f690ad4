using System.Text.Json;
using ApprovalFlow.Server.Features.Definitions.Forms;

namespace ApprovalFlow.Server.Tests.Definitions;

/// <summary>The FEEL subset of form-js conditions (pure): values, three-valued logic, and clear refusals of the rest.</summary>
public class FeelConditionTests
{
    private static readonly Dictionary<string, JsonElement> Data = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
        """{"decision":"approve","amount":1500,"urgent":true,"applicant":{"age":17,"name":"Sara"},"note":null}""")!;

    [Theory]
    [InlineData("=decision = \"approve\"", true)]
    [InlineData("=decision != \"approve\"", false)]
    [InlineData("=amount > 1000", true)]
    [InlineData("=amount <= 1000", false)]
    [InlineData("=amount >= -5.5", true)]
    [InlineData("=applicant.age < 18 and urgent", true)]
    [InlineData("=applicant.age < 18 and not(urgent)", false)]
    [InlineData("=decision = \"revise\" or (amount > 1000 and urgent = true)", true)]
    [InlineData("=applicant.name < \"Tom\"", true)]
    [InlineData("=missing = null", true)]
    [InlineData("=note = null", true)]
    [InlineData("=missing != null", false)]
    [InlineData("=is defined(applicant.name)", true)]
    [InlineData("=is defined(missing)", false)]
    [InlineData("=not(is defined(note))", true)]
    [InlineData("=missing > 1", false)]
    [InlineData("=amount = \"1500\"", false)]
    [InlineData("=not(amount = \"1500\")", false)]
    [InlineData("=missing > 1 or urgent", true)]
    [InlineData("=missing > 1 and false", false)]
    [InlineData("=true", true)]
    public void Evaluates_AsFeelDoes_OnlyTrueHides(string condition, bool expected)
    {
        var parsed = FeelCondition.Parse(condition);

        Assert.Equal(expected, parsed.IsTrue(name => Data.TryGetValue(name, out var value) ? value : null));
    }

    [Theory]
    [InlineData("decision = \"approve\"", "is not an expression")]
    [InlineData("=amount + 1 > 2", "'+ 1 > 2' is not supported here (at character 9)")]
    [InlineData("=if urgent then true else false", "'if' expressions are not supported")]
    [InlineData("=contains(decision, \"a\")", "the function 'contains' is not supported")]
    [InlineData("=list[1] = 2", "filters and list access are not supported")]
    [InlineData("=amount in [1, 2]", "'in [1, 2]' is not supported here")]
    [InlineData("=decision = \"approve", "a string is not closed")]
    [InlineData("=(urgent", "')' is expected")]
    [InlineData("=", "the expression ends where a value is expected")]
    public void UnsupportedFeel_IsRefusedWithWhatAndWhere(string condition, string why)
    {
        var exception = Assert.Throws<FormatException>(() => FeelCondition.Parse(condition));

        Assert.Contains(why, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AConditionInADynamicList_SeesItsItemFirst_ThenTheFormAndTheProcess()
    {
        using var schema = JsonDocument.Parse("""
            { "components": [ { "type": "dynamiclist", "id": "l", "path": "members", "label": "Members", "components": [
              { "type": "radio", "id": "r", "key": "role", "label": "Role", "values": [ { "label": "Chair", "value": "chair" }, { "label": "Member", "value": "member" } ] },
              { "type": "textfield", "id": "t", "key": "phone", "label": "Phone", "validate": { "required": true },
                "conditional": { "hide": "=role != \"chair\" or external" } } ] } ] }
            """);
        var problems = new List<FormProblem>();
        var form = FormReader.Read("members", schema.RootElement, problems);
        using var data = JsonDocument.Parse("""{"members":[{"role":"chair"},{"role":"member"},{"role":"chair","phone":"+98511"}]}""");

        var errors = FormValidator.Validate(form, data.RootElement, name => name == "external" ? JsonDocument.Parse("false").RootElement : null);
        var external = FormValidator.Validate(form, data.RootElement, name => name == "external" ? JsonDocument.Parse("true").RootElement : null);

        Assert.Empty(problems);
        Assert.Equal(["members[0].phone"], errors.Keys);
        Assert.Empty(external);
    }
}
