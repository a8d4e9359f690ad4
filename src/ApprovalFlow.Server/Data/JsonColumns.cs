using System.Text.Json;
using ApprovalFlow.Engine.State;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ApprovalFlow.Server.Data;

/// <summary>Value converters that store engine JSON in <c>jsonb</c> columns with <see cref="EngineJson.Options"/>.</summary>
internal static class JsonColumns
{
    public static readonly ValueConverter<ProcessInstanceState, string> State = new(
        state => JsonSerializer.Serialize(state, EngineJson.Options),
        json => JsonSerializer.Deserialize<ProcessInstanceState>(json, EngineJson.Options)!);

    /// <summary>States are replaced, never mutated in place, by the runner: reference equality is enough.</summary>
    public static readonly ValueComparer<ProcessInstanceState> StateComparer = new(
        (a, b) => ReferenceEquals(a, b),
        state => state.GetHashCode(),
        state => state);

    public static readonly ValueConverter<JsonElement, string> Element = new(
        element => element.GetRawText(),
        json => JsonElement.Parse(json, default));

    /// <summary>
    /// Equal JSON values are equal (<see cref="JsonElement.DeepEquals"/>, without writing text; <c>jsonb</c> keeps no key
    /// order or number spelling either); the hash is the value kind, so equal values hash alike.
    /// </summary>
    public static readonly ValueComparer<JsonElement> ElementComparer = new(
        (a, b) => JsonElement.DeepEquals(a, b),
        element => element.ValueKind.GetHashCode(),
        element => element);
}
