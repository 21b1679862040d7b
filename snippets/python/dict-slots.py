"""A Python dict is a hash table: the slot of a key is hash(key) & (size - 1).

Run: python3 snippets/python/dict-slots.py (standard library only).
"""
import sys

# region dict
d = {'timmy': 'red', 'barry': 'green', 'guido': 'blue'}
# endregion dict

print(f"d['guido'] = {d['guido']}")

# The smallest table has 8 slots. The size is a power of two, so the
# mask keeps the low bits of the hash: the same as a modulo.
size = 8
for key in d:
    assert hash(key) & (size - 1) == hash(key) % size
print(f"mask == modulo for {len(d)} keys")

# String hashes change from one run to the next (PYTHONHASHSEED), but an
# int hashes to itself, so its slot can be printed.
for n in (42, 2017, 1000):
    print(f"hash({n}) & {size - 1} = {hash(n) & (size - 1)}")

# The table grows when 2/3 full: 5 keys fit in 8 slots, 10 in 16,
# 21 in 32... so the 6th, 11th and 22nd keys trigger a resize
# (the 1st key allocates the first table).
table = {}
grows_at = []
last = sys.getsizeof(table)
for i in range(1, 50):
    table[i] = i
    if sys.getsizeof(table) != last:
        last = sys.getsizeof(table)
        grows_at.append(i)
print("resizes at keys", ", ".join(map(str, grows_at[1:])))
