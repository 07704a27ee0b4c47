package org.linearitylab.training;

/**
 * Thrown when training stops making sense — the loss became NaN or ∞, or grew by a large factor — instead of
 * silently returning NaNs. The message says at which step, the loss, and the stable step-size range.
 */
public final class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int step;
    private final double loss;

    TrainingDivergedException(String message, int step, double loss) {
        super(message);
        this.step = step;
        this.loss = loss;
    }

    /** The step at which divergence was detected. */
    public int step() {
        return step;
    }

    /** The loss at that step (may be NaN or ∞). */
    public double loss() {
        return loss;
    }
}
