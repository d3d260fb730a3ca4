using System.Net;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace Marketplace.Web;

/// <summary>
/// A search highlight as markup: only the API's &lt;mark&gt; tags survive; every other character is decoded and encoded
/// again, so a snippet can never carry markup of its own into the page.
/// </summary>
internal static class Highlight
{
    public static MarkupString ToMarkup(string fragment)
    {
        var builder = new StringBuilder(fragment.Length + 16);
        var parts = fragment.Split("<mark>");
        for (var i = 0; i < parts.Length; i++)
        {
            var closing = parts[i].Split("</mark>", 2);
            if (i > 0 && closing.Length == 2)
            {
                builder.Append("<mark>").Append(Encode(closing[0])).Append("</mark>").Append(Encode(closing[1]));
            }
            else
            {
                builder.Append(Encode(i > 0 ? "<mark>" + parts[i] : parts[i]));
            }
        }

        return new MarkupString(builder.ToString());
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(WebUtility.HtmlDecode(text));
}
