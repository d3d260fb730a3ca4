using System.Text.Json;
using Bunit;
using Marketplace.Web.Api;
using Marketplace.Web.Components.Shared;
using Marketplace.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Tests.Components;

public sealed class FieldErrorTests : BunitContext
{
    private const string Problem = """
        {"type":"urn:marketplace:problem:validation","title":"One or more validation errors occurred.","status":400,
         "errors":{"shippingAddress.cityCode":["Unknown city."],"quantity":["Must be between 1 and 999."],"voucherCode":["Voucher expired."]},
         "code":"validation","traceId":"00-abc"}
        """;

    public FieldErrorTests()
    {
        Services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        Services.AddSingleton(typeof(IStringLocalizer<>), typeof(JsonStringLocalizer<>));
    }

    private static ApiProblem Parse(string json = Problem)
    {
        using var document = JsonDocument.Parse(json);
        return ApiProblem.From(400, document.RootElement);
    }

    [Fact]
    public void A_field_error_is_shown_next_to_its_input_with_an_id_the_input_points_at()
    {
        var cut = Render<FieldMessage>(p => p.Add(x => x.Problem, Parse()).Add(x => x.Field, "quantity"));

        var message = cut.Find("p.field-error");
        Assert.Equal("quantity-error", message.Id);
        Assert.Contains("Must be between 1 and 999.", message.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nested_field_belongs_to_its_parent_input()
    {
        var cut = Render<FieldMessage>(p => p.Add(x => x.Problem, Parse()).Add(x => x.Field, "shippingAddress"));

        Assert.Contains("Unknown city.", cut.Find("p.field-error").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_without_errors_renders_nothing()
    {
        var cut = Render<FieldMessage>(p => p.Add(x => x.Problem, Parse()).Add(x => x.Field, "recipient"));

        Assert.Empty(cut.FindAll("p"));
    }

    [Fact]
    public void Errors_no_input_showed_are_summarised_at_the_top()
    {
        var problem = Parse();
        var cut = Render<ProblemSummary>(p => p.Add(x => x.Problem, problem).Add(x => x.Fields, ["quantity", "shippingAddress"]));

        var alert = cut.Find("[role=alert]");
        Assert.Contains("Voucher expired.", alert.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Unknown city.", alert.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_problem_without_field_errors_shows_its_detail()
    {
        var problem = Parse("""{"title":"Conflict","status":409,"detail":"Only 2 left in stock.","code":"cart.insufficient_stock"}""");

        Assert.Equal(["Only 2 left in stock."], problem.Unclaimed(["quantity"]));
        Assert.Equal("cart.insufficient_stock", problem.Code);
    }

    [Fact]
    public async Task A_body_that_is_not_json_never_reaches_the_page()
    {
        var exception = await Refit.ApiException.Create(
            new HttpRequestMessage(HttpMethod.Get, "http://x/"), HttpMethod.Get,
            new HttpResponseMessage(System.Net.HttpStatusCode.BadGateway) { Content = new StringContent("<html>stack trace here</html>") },
            new Refit.RefitSettings());

        var problem = ApiProblem.From(exception);

        Assert.Equal(502, problem.Status);
        Assert.All(problem.Unclaimed([]), m => Assert.DoesNotContain("stack", m, StringComparison.Ordinal));
    }

    [Fact]
    public void Both_languages_have_the_same_texts()
    {
        var indonesian = JsonStringLocalizer.Keys("id").Order().ToList();
        var english = JsonStringLocalizer.Keys("en").Order().ToList();

        Assert.Equal(indonesian, english);
    }
}
