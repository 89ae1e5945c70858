// Activations shared by several kernels. tanh's argument is clamped: some drivers compute tanh
// as (e^2x - 1) / (e^2x + 1), which is inf/inf = NaN for large x, and tanh(15) already rounds
// to 1 in f32.
float safe_tanh(float x)
{
    return tanh(clamp(x, -15.0, 15.0));
}

float soft_cap(float x, float cap)
{
    return cap * safe_tanh(x / cap);
}

float silu(float x)
{
    return x / (1.0 + exp(-x));
}

float gelu(float x)
{
    const float sqrt_2_over_pi = 0.7978845608028654;
    return 0.5 * x * (1.0 + safe_tanh(sqrt_2_over_pi * (x + 0.044715 * x * x * x)));
}
