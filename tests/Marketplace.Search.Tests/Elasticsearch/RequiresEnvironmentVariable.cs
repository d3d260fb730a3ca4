using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Marketplace.Search.Tests.Elasticsearch.EnvironmentGatedTestFramework", "Marketplace.Search.Tests")]

namespace Marketplace.Search.Tests.Elasticsearch;

/// <summary>
/// Every test of the class (inherited ones included) is reported as skipped, with a reason naming the variable, unless
/// the environment variable is set. Used for suites that need a real server (e.g. the Elasticsearch contract suite);
/// xunit 2 has no dynamic skip, and the contract tests are inherited, so the gate works at discovery.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresEnvironmentVariableAttribute(string name, string purpose) : Attribute
{
    public string Name { get; } = name;

    public string Purpose { get; } = purpose;
}

/// <summary>xunit's own framework, plus the <see cref="RequiresEnvironmentVariableAttribute"/> gate at discovery.</summary>
public sealed class EnvironmentGatedTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assembly, ISourceInformationProvider sourceInformation, IMessageSink diagnostics)
        : XunitTestFrameworkDiscoverer(assembly, sourceInformation, diagnostics)
    {
        protected override bool FindTestsForMethod(
            ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var gate = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentVariableAttribute)).FirstOrDefault();
            if (gate is null || testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).FirstOrDefault() is null)
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }

            var arguments = gate.GetConstructorArguments().Cast<string>().ToArray();
            var (name, purpose) = (arguments[0], arguments[1]);
            if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(name)))
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }

            var skipped = new XunitSkippedDataRowTestCase(
                DiagnosticMessageSink,
                discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(),
                testMethod,
                $"{name} is not set: {purpose}");
            return ReportDiscoveredTestCase(skipped, includeSourceInformation, messageBus);
        }
    }
}
