using System.Numerics;
using FlashRnn;

namespace StateTracking.Model;

/// <summary>A trainable tensor and the gradient the backward pass accumulates into it.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class Parameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a parameter holding <paramref name="value"/> (not copied) and a zero gradient.</summary>
    /// <param name="name">Its name in reports, such as <c>head.weight</c>.</param>
    /// <param name="value">The initial values.</param>
    public Parameter(string name, HostTensor<T> value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Value = value;
        Gradient = new HostTensor<T>(value.Shape);
    }

    /// <summary>Its name in reports.</summary>
    public string Name { get; }

    /// <summary>The current values.</summary>
    public HostTensor<T> Value { get; }

    /// <summary>The gradient of the loss, accumulated over backward passes since <see cref="ZeroGradient"/>.</summary>
    public HostTensor<T> Gradient { get; }

    /// <summary>Number of elements.</summary>
    public int Length => Value.Length;

    /// <summary>Clears the gradient before the next backward pass.</summary>
    public void ZeroGradient() => Gradient.Fill(T.Zero);

    /// <summary>Adds <paramref name="gradient"/> (same shape) to <see cref="Gradient"/>.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void AccumulateGradient(HostTensor<T> gradient)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        if (gradient.Shape != Value.Shape)
            throw new ArgumentException($"The gradient of {Name} has shape {gradient.Shape}, expected {Value.Shape}.", nameof(gradient));
        Span<T> sum = Gradient.Span;
        ReadOnlySpan<T> add = gradient.Span;
        for (int i = 0; i < sum.Length; i++) sum[i] += add[i];
    }

    /// <summary>A parameter with every element drawn uniformly from [-<paramref name="scale"/>, <paramref name="scale"/>].</summary>
    public static Parameter<T> Uniform(string name, double scale, Random random, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(random);
        var value = new HostTensor<T>(shape);
        foreach (ref T v in value.Span) v = T.CreateTruncating(scale * (2 * random.NextDouble() - 1));
        return new Parameter<T>(name, value);
    }

    /// <summary>A parameter with every element zero.</summary>
    public static Parameter<T> Zeros(string name, params int[] shape) => new(name, new HostTensor<T>(shape));
}
