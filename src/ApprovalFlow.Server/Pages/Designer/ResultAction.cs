using Microsoft.AspNetCore.Mvc;

namespace ApprovalFlow.Server.Pages.Designer;

/// <summary>
/// Lets a page handler answer with what an API handler returned (an <see cref="IResult"/> such as a problem or a
/// JSON value), so the designer's island gets exactly the API's answers through the page's cookie sign-in.
/// </summary>
/// <param name="result">The API handler's result.</param>
internal sealed class ResultAction(IResult result) : IActionResult
{
    /// <inheritdoc />
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return result.ExecuteAsync(context.HttpContext);
    }
}
