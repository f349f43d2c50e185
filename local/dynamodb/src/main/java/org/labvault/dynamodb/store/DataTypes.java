package org.labvault.dynamodb.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.labvault.dynamodb.value.AttributeValue;
import org.labvault.dynamodb.value.ItemSize;

/** How the store's maps keep keys (unsigned byte order) and items (ItemCodec) on disk. */
final class DataTypes {

  private DataTypes() {}

  static final class KeyType extends BasicDataType<byte[]> {
    static final KeyType INSTANCE = new KeyType();

    @Override
    public int compare(byte[] a, byte[] b) {
      return Arrays.compareUnsigned(a, b);
    }

    @Override
    public int getMemory(byte[] obj) {
      return 24 + obj.length;
    }

    @Override
    public void write(WriteBuffer buff, byte[] obj) {
      buff.putVarInt(obj.length).put(obj);
    }

    @Override
    public byte[] read(ByteBuffer buff) {
      byte[] b = new byte[DataUtils.readVarInt(buff)];
      buff.get(b);
      return b;
    }

    @Override
    public byte[][] createStorage(int size) {
      return new byte[size][];
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static final class ItemType extends BasicDataType<Map<String, AttributeValue>> {
    static final ItemType INSTANCE = new ItemType();

    @Override
    public int getMemory(Map<String, AttributeValue> obj) {
      return 64 + (int) Math.min(Integer.MAX_VALUE / 4, ItemSize.of(obj) * 3);
    }

    @Override
    public void write(WriteBuffer buff, Map<String, AttributeValue> obj) {
      byte[] b = ItemCodec.encode(obj);
      buff.putVarInt(b.length).put(b);
    }

    @Override
    public Map<String, AttributeValue> read(ByteBuffer buff) {
      int length = DataUtils.readVarInt(buff);
      ByteBuffer slice = buff.slice(buff.position(), length);
      buff.position(buff.position() + length);
      return ItemCodec.decode(slice);
    }

    @Override
    public Map<String, AttributeValue>[] createStorage(int size) {
      return new Map[size];
    }
  }
}
