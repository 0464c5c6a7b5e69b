// Custom cells: declare a cell in attributes (Cells.cs), build, and it has a forward pass, a derived backward pass
// and a CUDA kernel source, like the built-in ones. This program runs both custom cells on the CPU reference and
// checks each derived gradient against a finite difference.
//
//   dotnet run --project samples/CustomCells -c Release
using CustomCells;
using FlashRnn;

var random = new Random(7);
Check("MultiplicativeRnn", MultiplicativeRnn.Info, MultiplicativeRnn.Forward, MultiplicativeRnn.Backward);
Check("PeepholeCifg", PeepholeCifg.Info, PeepholeCifg.Forward, PeepholeCifg.Backward);
Console.WriteLine();
Console.WriteLine("The generated CUDA cell functions of MultiplicativeRnn:");
Console.WriteLine(MultiplicativeRnn.Cuda.CellFunctions);
return Environment.ExitCode;

void Check(string name, CellInfo info,
    Func<HostTensor<double>, HostTensor<double>, HostTensor<double>, HostTensor<double>?, RnnForwardResult<double>> forward,
    Func<HostTensor<double>, HostTensor<double>, HostTensor<double>, HostTensor<double>?, RnnForwardResult<double>, HostTensor<double>?, HostTensor<double>?, RnnGradients<double>> backward)
{
    const int B = 4, T = 16, NH = 2, DH = 8;
    HostTensor<double> Random(double scale, params int[] shape)
    {
        var t = new HostTensor<double>(shape);
        foreach (ref double v in t.Span) v = scale * (2 * random.NextDouble() - 1);
        return t;
    }

    var wx = Random(1, B, T, info.GateCount, NH, DH);
    var r = Random(0.3, info.GateCount, NH, DH, DH);
    var bias = Random(0.1, info.GateCount, NH, DH);
    var weights = Random(1, info.StateCount, B, T, NH, DH);

    double Loss(HostTensor<double> input)
    {
        var states = forward(input, r, bias, null).States;
        double sum = 0;
        for (int i = 0; i < states.Length; i++) sum += weights.Span[i] * states.Span[i];
        return sum;
    }

    var result = forward(wx, r, bias, null);
    var gradients = backward(wx, r, bias, null, result, weights, null);

    // d Loss / d Wx along a random direction, by central differences, against the derived gradient.
    var direction = Random(1, wx.Shape.Dims.ToArray());
    HostTensor<double> Shift(double by)
    {
        var t = wx.Clone();
        for (int i = 0; i < t.Length; i++) t.Span[i] += by * direction.Span[i];
        return t;
    }
    const double Epsilon = 1e-6;
    double numeric = (Loss(Shift(Epsilon)) - Loss(Shift(-Epsilon))) / (2 * Epsilon);
    double derived = 0;
    for (int i = 0; i < direction.Length; i++) derived += gradients.DWx.Span[i] * direction.Span[i];
    double error = Math.Abs(numeric - derived) / Math.Abs(numeric);
    Console.WriteLine($"{name}: gates [{string.Join(" ", info.Gates)}], states [{string.Join(" ", info.States)}]; " +
                      $"states {result.States.Shape}; dL/dWx check: relative error {error:E1} {(error < 1e-6 ? "OK" : "FAILED")}");
    if (error >= 1e-6) Environment.ExitCode = 1;
}
