namespace ApprovalFlow.Simulation.Planning;

/// <summary>
/// What the planning office does on the consolidation workspace before it completes
/// <c>ConsolidateAndPrioritize</c>: merges every group of suggested duplicates, then scores every live item
/// on every weighted criterion, so the task page has nothing missing.
/// </summary>
internal static class ConsolidationSteps
{
    /// <summary>Rounds of merging before giving up (each round merges every group of the suggestions at once).</summary>
    private const int MaxRounds = 20;

    /// <summary>Merges the duplicates and scores the items of the cycle <paramref name="businessKey"/> as the planning-office member <paramref name="office"/>.</summary>
    /// <exception cref="SimulationException">An API call failed, or suggestions were still left after <see cref="MaxRounds"/> rounds.</exception>
    public static async Task RecordAsync(ApiSession office, string businessKey, Action<string>? log, CancellationToken cancellationToken)
    {
        var cycle = $"/api/cycles/{Uri.EscapeDataString(businessKey)}";
        var merged = 0;
        for (var round = 0; ; round++)
        {
            var page = await office.GetAsync($"{cycle}/duplicates?pageSize=200", cancellationToken);
            var pairs = page.GetProperty("items").EnumerateArray()
                .Select(p => (First: p.GetProperty("first").GetProperty("id").GetGuid(), Second: p.GetProperty("second").GetProperty("id").GetGuid())).ToList();
            if (pairs.Count == 0)
            {
                break;
            }

            if (round == MaxRounds)
            {
                throw new SimulationException($"Duplicate suggestions of {businessKey} were still left after {MaxRounds} rounds of merging.");
            }

            foreach (var group in Groups(pairs))
            {
                await office.PostAsync($"{cycle}/duplicates/merge", new { itemIds = group }, cancellationToken);
                merged += group.Count;
            }
        }

        var priorities = await office.GetAsync($"{cycle}/priorities", cancellationToken);
        var criteria = priorities.GetProperty("criteria").EnumerateArray().Where(c => c.GetProperty("weight").GetDouble() > 0).Select(c => c.GetProperty("code").GetString()!).ToList();
        var items = priorities.GetProperty("ranking").EnumerateArray().SelectMany(l => l.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("itemId").GetGuid()).ToList();
        var scores = items.SelectMany((item, i) => criteria.Select((criterion, c) => new { itemId = item, criterion, score = 1 + ((i + c) % 5) })).ToList();
        if (scores.Count > 0)
        {
            await office.PutAsync($"{cycle}/priorities", new { scores }, cancellationToken);
        }

        log?.Invoke($"{office.Email} merged {merged} duplicate items and scored {items.Count} items on {criteria.Count} criteria");
    }

    /// <summary>The connected groups of the suggested pairs (union–find), each in the order its items first appear.</summary>
    private static List<List<Guid>> Groups(List<(Guid First, Guid Second)> pairs)
    {
        var parent = new Dictionary<Guid, Guid>();
        Guid Find(Guid x)
        {
            while (parent.TryGetValue(x, out var p) && p != x)
            {
                x = p;
            }

            return x;
        }

        var order = new List<Guid>();
        foreach (var (first, second) in pairs)
        {
            foreach (var id in new[] { first, second }.Where(id => parent.TryAdd(id, id)))
            {
                order.Add(id);
            }

            parent[Find(second)] = Find(first);
        }

        return [.. order.GroupBy(Find).Select(g => g.ToList())];
    }
}
