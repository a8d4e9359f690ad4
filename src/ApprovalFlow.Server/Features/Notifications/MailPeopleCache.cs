using System.Collections.Concurrent;

namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>
/// What <see cref="MailPeople"/> read of the directory, kept across steps and requests under the
/// <see cref="Data.DirectoryStampRecord"/> it was read at: a step that reads the same stamp in its own transaction
/// (the same statement as its instance row) finds its users here instead of reading them again; a step that reads
/// another stamp (a directory change committed, on any node) starts an empty generation. Unknown users are kept too
/// (creating a user changes the stamp). Holds at most <see cref="Capacity"/> users per generation, then starts an empty
/// one. Thread-safe singleton.
/// </summary>
internal sealed class MailPeopleCache
{
    /// <summary>The most users one generation keeps.</summary>
    public const int Capacity = 20_000;

    private Generation _current = new(-1);

    /// <summary>The user <paramref name="userId"/> as read at <paramref name="stamp"/>: <see langword="true"/> when known, with <paramref name="person"/> <see langword="null"/> for a user that does not exist.</summary>
    public bool TryGet(long stamp, string userId, out MailPerson? person)
    {
        var generation = Volatile.Read(ref _current);
        if (generation.Stamp == stamp)
        {
            return generation.People.TryGetValue(userId, out person);
        }

        person = null;
        return false;
    }

    /// <summary>
    /// Keeps <paramref name="read"/> (users by id, <see langword="null"/> for unknown ones), read in a transaction that read
    /// <paramref name="stamp"/> before: a newer stamp replaces the generation, an older one is dropped.
    /// </summary>
    public void Add(long stamp, IEnumerable<KeyValuePair<string, MailPerson?>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var generation = Volatile.Read(ref _current);
        if (generation.Stamp < stamp || generation.People.Count >= Capacity)
        {
            var fresh = new Generation(Math.Max(stamp, generation.Stamp));
            generation = Interlocked.CompareExchange(ref _current, fresh, generation) == generation ? fresh : Volatile.Read(ref _current);
        }

        if (generation.Stamp != stamp)
        {
            return;
        }

        foreach (var (id, person) in read)
        {
            generation.People[id] = person;
        }
    }

    private sealed class Generation(long stamp)
    {
        public long Stamp { get; } = stamp;

        public ConcurrentDictionary<string, MailPerson?> People { get; } = new(StringComparer.Ordinal);
    }
}
