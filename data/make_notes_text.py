"""Writes notes.txt next to this script: the character corpus of notebooks 07 and 08.

It is the Zen of Python (PEP 20, from the standard library's `this` module, rot13-decoded;
public domain) followed by "Notes from a workshop", short essays written for this repository
(same licence as the repository) and stored below, wrapped at 72 columns by `textwrap`.
Nothing is downloaded and nothing is random: the same bytes on every run and every Python
version (the essays are in this file, not read from docstrings that change between versions).
"""
import codecs
import contextlib
import io
import textwrap
from pathlib import Path

with contextlib.redirect_stdout(io.StringIO()):     # importing `this` prints the Zen
    import this

ESSAYS = """
# Notes from a workshop

## On starting small

Every program that learns begins as a program that does not. The first
version of a model is a handful of numbers drawn at random, and the first
thing it says is nonsense. That is not a failure; it is the starting line.
What matters is that we can measure how wrong it is, and that we know which
way to move each number to make it a little less wrong.

A line through a cloud of points is the smallest model worth the name. It has
two numbers, a slope and an intercept. We guess them, we measure the error,
we nudge them, and we measure again. After a few hundred nudges the line sits
where it should, and we have learnt the whole method in miniature: a model,
a loss, a gradient and a step.

It is tempting to skip the small case and go straight to the large one. Resist
it. A bug in a model with two numbers is a bug you can find with a pencil. A
bug in a model with two million numbers is a bug you may never find at all.
Start small, check every step, and grow only what already works.

## On the loss

The loss is the only thing the model hears from us. If the loss is wrong, the
model will learn the wrong thing, and it will learn it well. So we choose the
loss with care. For a number we want to predict, the mean squared error is a
good first choice. For a class we want to predict, the cross entropy is
better: it punishes a confident mistake far more than a timid one, and its
gradient stays large while the model is wrong.

A loss is also a promise about the data we have not seen. A low loss on the
training set says the model fits what it was shown. It says nothing yet about
what it was not shown. For that we keep part of the data aside, never train on
it, and measure the loss there too. When the two numbers part ways, the model
has begun to memorise instead of to learn.

## On gradients

The gradient tells each number which way is downhill. It does not tell it how
far to go. Take a step that is too small and training crawls; take a step that
is too large and the loss jumps about, or climbs. The learning rate is the
first setting anyone tunes, and the last one anyone forgets.

We can compute a gradient by hand, with the chain rule, one layer at a time.
We can also estimate it by nudging each number a tiny amount and watching the
loss change. The first is fast and easy to get wrong; the second is slow and
hard to get wrong. So we use the second to test the first. When the two agree
to many digits, we trust the fast one and throw the slow one away.

Backpropagation is nothing more than the chain rule applied in the right
order. The forward pass remembers what it computed. The backward pass walks
the same road in reverse and asks, at every turn, how much the loss would
change if this value changed. Each layer needs only what it kept from the
forward pass and the gradient handed to it from above.

## On layers

A single neuron draws a single line. Two layers of neurons can bend that line
into a curve, and enough of them can draw almost any shape. The trick is the
bend itself: without a function that is not a straight line between the
layers, two layers collapse into one, and all the extra numbers buy nothing.

Deep networks are stacks of simple parts. A dense layer mixes its inputs. An
activation bends them. A normalisation keeps them at a sensible size. A
residual connection lets the input skip past a layer and be added back at the
end, so that a layer only has to learn a correction, not the whole answer.
Each part is a few lines of code. The power is in the stacking.

## On training in practice

Most of the work of training is not the model. It is the data, the split, the
learning rate, the size of the batch, the way the numbers start, and the
patience to change one thing at a time. A model that will not learn is
usually a model that was started badly or stepped too far.

Start the weights small, but not too small, and scale them by the number of
inputs each neuron reads. Shuffle the data every epoch. Watch the loss on the
held-out part as well as on the training part. Stop when the held-out loss
stops falling. Write down what you tried, because you will try it again
otherwise.

Momentum remembers the direction of the last few steps and keeps going that
way, which smooths a noisy path. Adam goes further and scales each number's
step by how large its gradients have been. Both are small changes to plain
gradient descent, and both often save a great deal of time.

## On images

An image is a grid of numbers, and a picture of a cat is still a cat when it
moves a little to the left. A convolution uses that fact. It slides one small
set of weights across the whole image, so that a pattern learnt in one corner
is recognised in every other corner for free. Fewer numbers, less to learn,
and a model that already knows something true about pictures.

Pooling then shrinks the grid, keeping the strongest answer in each small
patch. Layer by layer the network sees larger parts of the image with fewer
numbers, until at the end a dense layer reads what is left and names the
digit, the animal or the letter.

## On sequences and memory

Text arrives one character at a time, and what a character means depends on
the ones before it. A recurrent network reads the text in order and keeps a
state, a small vector that it updates at every step. The state is its memory:
everything the network knows about the past must fit inside it.

That is a tight squeeze. The gradient that teaches the network to remember
must travel back through every step, and at every step it is multiplied by
the same matrix. If that matrix shrinks it, the gradient fades away before it
reaches the start of the sequence, and the network never learns that the
start mattered. Gates help. A gate is a number between zero and one that
decides how much of the old state to keep, and when it is close to one, both
the state and its gradient pass through almost unchanged.

Even with gates, the whole past must pass through one vector. A sentence that
refers back to a word forty characters ago asks the state to carry that word
all the way, through every character in between, without letting anything
else overwrite it.

## On attention

Attention takes another road. Instead of carrying the past in one state, it
keeps every earlier position and lets the current one look back at all of
them at once. Each position asks a question, a query. Every earlier position
offers a key, and the answer is a weighted average of their values, with the
weights given by how well each key matches the query.

The weights come from a softmax over the scores, so they are positive and sum
to one. The scores are dot products, and dot products grow with the number of
dimensions, so we divide them by the square root of that number. Without the
division the softmax saturates: one weight is nearly one, the others nearly
zero, and the gradient through the small ones vanishes.

A language model must not look at the future, or it would simply read off the
answer. So we mask the scores of every later position with a large negative
number before the softmax, and their weights become zero. The mask goes
before the softmax, never after it, or the weights no longer sum to one.

Attention alone does not know the order of its inputs. Shuffle the positions
and the outputs are shuffled the same way, nothing more. So we add to each
input a vector that depends on its position, a pattern of sines and cosines,
and order becomes something the model can see.

Several heads look at the same sequence in different ways. One may follow the
previous character, another the start of the word, another the last space.
Their answers are put side by side and mixed by a dense layer. Splitting into
heads is only a reshape, and putting them back together is only another.

## On the transformer block

A transformer block is attention followed by a small dense network, each
wrapped in a residual connection and a layer normalisation. The residual lets
the gradient flow straight through the block, the way a shut gate lets it
flow through a recurrent step. The normalisation keeps each position's
features at a steady scale, whatever happens to the others in the batch.

Stack a few blocks, put an embedding in front and a softmax at the end, and
you have a language model. Train it to predict the next character of a text,
then let it write: draw a character from its prediction, append it, and ask
again. A low temperature makes it careful and repetitive; a high one makes it
bold and careless. Keeping only the few most likely characters, the top k,
stops it from wandering into the long tail of unlikely ones.

## On honesty

Measure before you claim. A model that wins on one seed may lose on the next,
so run several seeds and report the spread as well as the mean. Compare
models at the same size and the same training time, or say plainly that you
did not. A held-out loss is worth more than a beautiful sample, because a
sample can be chosen and a loss cannot.

When a result surprises you, suspect the code first. Check the gradients.
Check the shapes. Check that the mask hides the future and nothing else.
Then, and only then, believe the surprise, and tell someone about it.

## On reading code

Code is read far more often than it is written. Name things for what they
are. Keep functions short enough to hold in your head. Write the shape of
every array next to it, because the shape is where most bugs hide. A comment
should say why, not what; the code already says what.

When something breaks, read the message to the end. It usually says what went
wrong and often says where. Print the shapes, print the first few numbers,
and compare them with what you expected on paper. Most bugs do not survive
being looked at closely.

## On going further

Everything in this workshop fits in a few hundred lines of numpy. The models
that write essays and translate languages are the same ideas, made larger:
more layers, more heads, more data, more patience. They still have a loss, a
gradient, a step, a held-out set and a random start. If you understand the
small version, you understand the large one; the rest is engineering, and
there is a great deal of it.

Keep the small version around. When the large one misbehaves, the small one
is where you go to find out why.
"""


def wrap(markdown):
    """Each paragraph of the essays wrapped at 72 columns; headings kept on their own line."""
    paragraphs = [p.strip() for p in markdown.strip().split("\n\n")]
    out = []
    for p in paragraphs:
        if p.startswith("#"):
            out.append(p.lstrip("# ").strip())
        else:
            out.append(textwrap.fill(" ".join(p.split()), width=72))
    return "\n\n".join(out) + "\n"


zen = codecs.decode(this.s, "rot13")
text = zen.rstrip("\n") + "\n\n\n" + wrap(ESSAYS)
(Path(__file__).resolve().parent / "notes.txt").write_bytes(text.encode("utf-8"))
