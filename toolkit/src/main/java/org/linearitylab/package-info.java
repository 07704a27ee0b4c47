/**
 * Linearity Lab's toolkit: the measurements behind the lecture "Over-parameterization &amp; Transition to
 * Linearity of Neural Networks" and the paper of Liu, Zhu and Belkin (ICLR 2022), whose subject is the Taylor
 * remainder f(θ) − f(θ₀) − ∇f(θ₀)ᵀ(θ − θ₀) of wide networks and the Hessian norm that bounds it.
 *
 * <p>The packages, bottom layer first; each may import only packages of lower layers ({@code LayeringTest}):
 * {@code core} (0) · {@code calculus}, {@code data}, {@code experiment} (1) · {@code model}, {@code regression} (2) ·
 * {@code model.assembly} (3) · {@code analysis} (4) · {@code training} (5) · {@code display} (6) · {@code notebook} (7)
 * · {@code notebook.jjava}, {@code notebook.ijava} (8) · this root package (9).
 *
 * <p>This root package holds only {@link org.linearitylab.Lab}, the notebooks' entry point (the setup cell's
 * {@code Lab.hello()}); it may import everything and nothing in the toolkit imports it.
 */
package org.linearitylab;
