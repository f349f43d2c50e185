package org.labvault.shared.asset;

import dagger.Binds;
import dagger.Module;
import org.labvault.shared.asset.adapter.DynamoAssetRepository;
import org.labvault.shared.asset.adapter.S3ObjectStore;
import org.labvault.shared.asset.port.AssetRepository;
import org.labvault.shared.asset.port.ObjectStore;

/** Asset metadata in DynamoDB and bytes in the data bucket, for the functions that handle assets. */
@Module
public interface AssetModule {
  @Binds
  AssetRepository assets(DynamoAssetRepository impl);

  @Binds
  ObjectStore objects(S3ObjectStore impl);
}
