using System.Globalization;

namespace ApprovalFlow.Benchmarks.Mail;

/// <summary>Settings of the mail run, from <c>--name value</c> pairs after <c>mail</c>.</summary>
/// <param name="Mails">Notifications written by one step (a task offered to a group of that many members) and timed until delivered.</param>
/// <param name="Steps">Engine steps timed per variant (with and without notifications).</param>
/// <param name="Recipients">Notifications each step of the "with" variant writes.</param>
/// <param name="Keep">Leave the database behind for inspection.</param>
internal sealed record MailOptions(int Mails = 2000, int Steps = 200, int Recipients = 10, bool Keep = false)
{
    public static MailOptions Parse(string[] args)
    {
        var options = new MailOptions();
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--mails" => options with { Mails = Next() },
                "--steps" => options with { Steps = Next() },
                "--recipients" => options with { Recipients = Next() },
                "--keep" => options with { Keep = true },
                var unknown => throw new ArgumentException($"Unknown option '{unknown}'. Options: --mails N --steps N --recipients N --keep"),
            };
        }

        return options;
    }
}
