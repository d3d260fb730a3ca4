namespace Marketplace.SharedKernel.Errors;

/// <summary>The outcome of an operation: a value, or one or more errors (several only for validation).</summary>
/// <remarks>
/// A struct has a default value nobody constructed (<c>default(Result&lt;T&gt;)</c>, an unassigned field or array
/// slot). It must not pass for success, so the state is explicit and <see cref="ResultState.NotSet"/> is the
/// default: it is not a success, and reading its value or its errors throws, because it is a bug, not an outcome.
/// </remarks>
public readonly struct Result<T>
{
    private readonly T? _value;
    private readonly IReadOnlyList<Error>? _errors;
    private readonly ResultState _state;

    private Result(T value)
    {
        _value = value;
        _errors = null;
        _state = ResultState.Succeeded;
    }

    private Result(IReadOnlyList<Error> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A failed result needs at least one error.", nameof(errors));
        }

        _value = default;
        _errors = errors;
        _state = ResultState.Failed;
    }

    /// <summary>The errors of a failed result; empty for a success.</summary>
    /// <exception cref="InvalidOperationException">The result was never set (a default value).</exception>
    public IReadOnlyList<Error> Errors => _state switch
    {
        ResultState.Succeeded => [],
        ResultState.Failed => _errors!,
        _ => throw NotSet(),
    };

    public bool IsSuccess => _state == ResultState.Succeeded;

    /// <summary>False for a success and for a result that was never set.</summary>
    public bool IsFailure => _state != ResultState.Succeeded;

    /// <exception cref="InvalidOperationException">The result failed or was never set.</exception>
    public T Value => _state switch
    {
        ResultState.Succeeded => _value!,
        ResultState.Failed => throw new InvalidOperationException("A failed result has no value."),
        _ => throw NotSet(),
    };

    public static implicit operator Result<T>(T value) => new(value);

    public static implicit operator Result<T>(Error error) => new([error ?? throw new ArgumentNullException(nameof(error))]);

    public static Result<T> Fail(IReadOnlyList<Error> errors) => new(errors);

    private static InvalidOperationException NotSet() =>
        new($"This Result<{typeof(T).Name}> was never set (a default value): neither a success nor a failure.");

    private enum ResultState : byte
    {
        NotSet,
        Succeeded,
        Failed,
    }
}
