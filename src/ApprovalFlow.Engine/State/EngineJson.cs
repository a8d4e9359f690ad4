using System.Text.Json;

namespace ApprovalFlow.Engine.State;

/// <summary>The System.Text.Json settings with which engine state is stored: camelCase, enums as strings.</summary>
public static class EngineJson
{
    /// <summary>Shared, read-only options for (de)serialising <see cref="ProcessInstanceState"/>.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
