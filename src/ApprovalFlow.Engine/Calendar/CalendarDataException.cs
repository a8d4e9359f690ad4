namespace ApprovalFlow.Engine.Calendar;

/// <summary>A holiday data file is missing, is not valid JSON, or lists a date that does not check out.</summary>
public sealed class CalendarDataException : ApprovalFlowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="dataSource">The file path (or other name) of the data.</param>
    /// <param name="message">What is wrong, for people; the data source is prefixed.</param>
    /// <param name="innerException">The parser's or file system's exception, if any.</param>
    public CalendarDataException(string dataSource, string message, Exception? innerException = null)
        : base($"{dataSource}: {message}", innerException)
    {
        DataSource = dataSource;
    }

    /// <summary>The file path (or other name) of the data at fault.</summary>
    public string DataSource { get; }
}
