"""Independent NumPy forward pass of TorchMD-Net's TensorNet2 with the ScalarPlusWeightedCoulomb head.

Written from TorchMD-Net's tensornet2.py / tensornet.py / output_modules.py (pure-PyTorch path), in
their own layout (tensors [N, 3, 3, F], channels last), sharing no code with the Java implementation.
Used by TensorNet2NumpyCrossCheckTest: reads a JSON file with hyper-parameters, the state dict and an
input (non-periodic), prints {"energy": [...], "charges": [[...]]} as JSON.

    /usr/bin/python3 tensornet2_numpy.py case.json
"""
import json
import sys

import numpy as np


def silu(x):
    return x / (1.0 + np.exp(-x))


def layer_norm(x, w, b, eps=1e-5):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


class Weights:
    def __init__(self, sd):
        self.sd = {k[len("model."):] if k.startswith("model.") else k: np.array(v["data"], dtype=np.float64).reshape(v["shape"])
                   for k, v in sd.items()}

    def __getitem__(self, key):
        return self.sd[key]

    def linear(self, name, x, bias=True):
        y = x @ self.sd[name + ".weight"].T
        return y + self.sd[name + ".bias"] if bias else y

    def mlp(self, name, x):
        """torchmdnet MLP: linear layers at even indices, SiLU between them."""
        idx = sorted(int(k.split(".")[-2]) for k in self.sd if k.startswith(name + ".layers.") and k.endswith(".weight"))
        for n, i in enumerate(idx):
            x = self.linear(f"{name}.layers.{i}", x)
            if n < len(idx) - 1:
                x = silu(x)
        return x


def cosine_cutoff(d, upper):
    return 0.5 * (np.cos(d * np.pi / upper) + 1.0) * (d < upper)


def eye_times(i):
    """[N, F] -> [N, 3, 3, F] isotropic tensor."""
    return i[:, None, None, :] * np.eye(3)[None, :, :, None]


def decompose(x):
    a = 0.5 * (x - x.transpose(0, 2, 1, 3))
    i = np.einsum("nkkf->nf", x) / 3.0
    s = 0.5 * (x + x.transpose(0, 2, 1, 3)) - eye_times(i)
    return i, a, s


def sqnorm(x):
    return (x ** 2).sum((1, 2))


def skew(v):
    """[N, 3, F] -> [N, 3, 3, F]."""
    z = np.zeros_like(v[:, 0])
    rows = [z, -v[:, 2], v[:, 1], v[:, 2], z, -v[:, 0], -v[:, 1], v[:, 0], z]
    return np.stack(rows, 1).reshape(v.shape[0], 3, 3, v.shape[-1])


def skew_to_vector(a):
    return 0.5 * np.stack([a[:, 2, 1] - a[:, 1, 2], a[:, 0, 2] - a[:, 2, 0], a[:, 1, 0] - a[:, 0, 1]], 1)


def channel_linear(w, name, x):
    """Bias-free linear over the last (channel) dimension."""
    return x @ w[name + ".weight"].T


def per_channel_matmul(p, q):
    return np.einsum("nikf,nkjf->nijf", p, q)


def charge_predict(w, name, x, batch, nmol, q_atom, q_dim):
    i, a, s = decompose(x)
    feats = np.concatenate([i, sqnorm(a), sqnorm(s)], -1)
    out = w.mlp(name + ".q_mlp", layer_norm(feats, w[name + ".q_norm.weight"], w[name + ".q_norm.bias"]))
    charges, f = out[:, :q_dim], out[:, q_dim:]
    fu = f ** 2
    fsum = np.zeros((nmol, q_dim))
    qsum = np.zeros((nmol, q_dim))
    np.add.at(fsum, batch, fu)
    np.add.at(qsum, batch, charges)
    fsum += 1e-6
    return charges + fu / fsum[batch] * (q_atom[:, None] - qsum[batch])


def forward(case):
    hp = case["hyper_parameters"]
    w = Weights(case["state_dict"])
    z = np.array(case["z"])
    pos = np.array(case["pos"], dtype=np.float64)
    n = len(z)
    batch = np.array(case["batch"]) if case.get("batch") else np.zeros(n, dtype=int)
    nmol = batch.max() + 1
    q_atom = np.array(case["q"], dtype=np.float64)[batch]
    upper, lower = hp["cutoff_upper"], hp["cutoff_lower"]
    fch, q_dim, layers = hp["embedding_dimension"], hp["q_dim"], hp["num_layers"]

    # edges: both directions of every pair within the cutoff (same molecule), then self loops
    recv, send = [], []
    for a in range(n):
        for b in range(n):
            if a != b and batch[a] == batch[b] and np.linalg.norm(pos[a] - pos[b]) < upper:
                recv.append(a)
                send.append(b)
    recv += list(range(n))
    send += list(range(n))
    recv, send = np.array(recv), np.array(send)
    vec = pos[recv] - pos[send]
    d = np.linalg.norm(vec, axis=1)
    self_pair = recv == send
    unit = vec / np.where(self_pair, 1.0, d)[:, None]

    r = "representation_model."
    alpha = 5.0 / (upper - lower)
    rbf = cosine_cutoff(d, upper)[:, None] * np.exp(
        -w[r + "distance_expansion.betas"] * (np.exp(alpha * (-d[:, None] + lower)) - w[r + "distance_expansion.means"]) ** 2)
    cut = cosine_cutoff(d, upper)

    # embedding
    e = r + "tensor_embedding."
    emb = w[e + "emb.weight"]
    zij = w.linear(e + "emb2", np.concatenate([emb[z[recv]], emb[z[send]]], -1))
    cz = cut[:, None] * zij
    iij = w.linear(e + "distance_proj1", rbf) * cz
    aij = (w.linear(e + "distance_proj2", rbf) * cz)[:, None, :] * unit[:, :, None]
    sij = (w.linear(e + "distance_proj3", rbf) * cz)[:, None, None, :] * np.einsum("ei,ej->eij", unit, unit)[..., None]
    i_sum = np.zeros((n, fch))
    a_sum = np.zeros((n, 3, fch))
    s_sum = np.zeros((n, 3, 3, fch))
    np.add.at(i_sum, recv, iij)
    np.add.at(a_sum, recv, aij)
    np.add.at(s_sum, recv, sij)
    a_t = skew(a_sum)
    s_t = 0.5 * (s_sum + s_sum.transpose(0, 2, 1, 3)) - eye_times(np.einsum("nkkf->nf", s_sum) / 3.0)
    x = eye_times(i_sum) + a_t + s_t
    norm = layer_norm(sqnorm(x), w[e + "init_norm.weight"], w[e + "init_norm.bias"])
    for k in range(2):
        norm = silu(w.linear(e + f"linears_scalar.{k}", norm))
    norm = norm.reshape(n, 3, fch)
    x = (eye_times(channel_linear(w, e + "linears_tensor.0", i_sum) * norm[:, 0])
         + channel_linear(w, e + "linears_tensor.1", a_t) * norm[:, 1][:, None, None, :]
         + channel_linear(w, e + "linears_tensor.2", s_t) * norm[:, 2][:, None, None, :])

    charges = charge_predict(w, r + "charge_predict_0", x, batch, nmol, q_atom, q_dim)
    all_charges = [charges]
    for l in range(layers):
        p = r + f"layers.{l}."
        attr = np.concatenate([rbf, charges[recv], charges[send]], -1)
        for k in range(3):
            attr = silu(w.linear(p + f"linears_scalar.{k}", attr))
        attr = (attr * cut[:, None]).reshape(-1, 3, fch)
        x = x / (sqnorm(x) + 1)[:, None, None, :]
        i, a, s = decompose(x)
        i = channel_linear(w, p + "linears_tensor.0", i)
        a = channel_linear(w, p + "linears_tensor.1", a)
        s = channel_linear(w, p + "linears_tensor.2", s)
        y = eye_times(i) + a + s
        im = np.zeros((n, fch))
        av = np.zeros((n, 3, fch))
        sm = np.zeros((n, 3, 3, fch))
        np.add.at(im, recv, attr[:, 0] * i[send])
        np.add.at(av, recv, attr[:, 1][:, None, :] * skew_to_vector(a)[send])
        np.add.at(sm, recv, attr[:, 2][:, None, None, :] * s[send])
        msg = eye_times(im) + skew(av) + sm
        c = per_channel_matmul(msg, y) + per_channel_matmul(y, msg)
        i, a, s = decompose(c)
        normp1 = sqnorm(c) + 1
        i, a, s = i / normp1, a / normp1[:, None, None, :], s / normp1[:, None, None, :]
        dx = (eye_times(channel_linear(w, p + "linears_tensor.3", i)) + channel_linear(w, p + "linears_tensor.4", a)
              + channel_linear(w, p + "linears_tensor.5", s))
        x = x + dx + per_channel_matmul(dx, dx)
        charges = charge_predict(w, r + f"charge_predicts.{l}", x, batch, nmol, q_atom, q_dim)
        all_charges.append(charges)
    charges = np.concatenate(all_charges, -1)

    i, a, s = decompose(x)
    feats = layer_norm(np.concatenate([3 * i ** 2, sqnorm(a), sqnorm(s)], -1), w[r + "out_norm.weight"], w[r + "out_norm.bias"])
    feats = silu(w.linear(r + "linear", feats))

    atomic = w.mlp("output_model.output_network", feats)[:, 0]
    qw = w["output_model.qweights"]
    factor = 0.5 * 27.211386024367243 * 0.5291772105638411
    for a_ in range(n):
        for b_ in range(a_ + 1, n):
            if batch[a_] != batch[b_]:
                continue
            dist = np.linalg.norm(pos[a_] - pos[b_])
            xr = min(max(dist / 4.6, 0.0), 1.0 - 1e-6)
            fc = 1.0 - np.exp(-1.0 / (1.0 - xr ** 2)) / 0.36787944117144233
            eij = factor * np.sum(fc * charges[a_] * charges[b_] / dist * qw) / qw.sum()
            atomic[a_] += eij
            atomic[b_] += eij
    atomic = atomic * w["std"]
    energy = np.zeros(nmol)
    np.add.at(energy, batch, atomic)
    return energy + w["mean"], charges


if __name__ == "__main__":
    with open(sys.argv[1]) as fh:
        case = json.load(fh)
    energy, charges = forward(case)
    print(json.dumps({"energy": energy.tolist(), "charges": charges.tolist()}))
